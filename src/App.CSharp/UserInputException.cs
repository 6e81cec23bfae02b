namespace NuDM.App;

/// <summary>
/// Bad input from a user: the message names the parameter and the allowed range. The command line prints it
/// (no stack trace) and exits with code 2.
/// </summary>
public class UserInputException(string message) : Exception(message);
