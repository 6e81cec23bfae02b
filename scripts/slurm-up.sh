#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine for the Slurm integration tests of `nudm scan` (tests in the NUnit
# category "Slurm"). Idempotent: installs Debian's slurm-wlm and munge if missing, (re)writes a one-node slurm.conf with
# this machine's CPUs and memory, creates the munge key once, starts munged, slurmctld and slurmd directly (no systemd)
# unless they are running, and waits until sinfo shows the node idle. Needs root (as CI and the development machines
# run). Prints how long it took. Exit code 0: the cluster is up; non-zero: it is not (the log paths are printed).
set -euo pipefail
started=$(date +%s.%N)
say() { echo "slurm-up: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then say "needs root (it installs packages and starts daemons)"; exit 1; fi

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1; then
    say "installing slurm-wlm and munge (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi

host=$(hostname -s)
cpus=$(nproc)
# RealMemory in MB: what the machine has, less 1 GB for the system (slurmd refuses a node that claims more than it has)
mem=$(awk '/MemTotal/ { m = int($2 / 1024) - 1024; print (m > 256 ? m : 256) }' /proc/meminfo)

mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
cat > /etc/slurm/slurm.conf <<CONF
# Written by scripts/slurm-up.sh (nudm): one node, no accounting, no cgroups.
ClusterName=nudm
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
# a job whose dependency can never be met (the merge after a cancelled shard) is cancelled, not left pending
DependencyParameters=kill_invalid_depend
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${mem} State=UNKNOWN
PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF

# munge: a key once, owned by the munge user; the daemon runs as that user
mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
if [ ! -s /etc/munge/munge.key ]; then
    if command -v mungekey >/dev/null 2>&1; then mungekey --create --force >/dev/null 2>&1 || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; fi
fi
chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge
chmod 0700 /etc/munge /var/lib/munge /var/log/munge
chmod 0755 /run/munge
chmod 0400 /etc/munge/munge.key

running() { pgrep -x "$1" >/dev/null 2>&1; }
if ! running munged; then say "starting munged"; runuser -u munge -- /usr/sbin/munged; fi
for i in $(seq 1 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.2; done
munge -n </dev/null | unmunge >/dev/null || { say "munge does not work (see /var/log/munge/munged.log)"; exit 1; }

if running slurmctld; then scontrol reconfigure >/dev/null 2>&1 || true; else say "starting slurmctld"; slurmctld; fi
if ! running slurmd; then say "starting slurmd"; slurmd; fi

# wait until the node is idle (resume it once if it came up down or drained from an earlier run)
resumed=0
for i in $(seq 1 120); do
    state=$(sinfo -h -n "$host" -o '%T' 2>/dev/null | head -n 1 || true)
    case "$state" in
        idle|mixed|allocated) break ;;
        down*|drain*|fail*)
            if [ "$resumed" -eq 0 ]; then scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true; resumed=1; fi ;;
    esac
    sleep 0.5
done
state=$(sinfo -h -n "$host" -o '%T' 2>/dev/null | head -n 1 || true)
elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
case "$state" in
    idle|mixed|allocated) say "node $host is $state ($cpus CPUs, ${mem} MB) after ${elapsed} s" ;;
    *) say "node $host is '${state:-unknown}' after ${elapsed} s; see /var/log/slurm/slurmctld.log and slurmd.log"; exit 1 ;;
esac
