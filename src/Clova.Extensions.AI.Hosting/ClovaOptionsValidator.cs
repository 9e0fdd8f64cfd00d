using Clova;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Validates registered <see cref="ClovaClientOptions"/> with the constructor's own rules and messages, so a host fails at start-up.</summary>
internal sealed class ClovaOptionsValidator(string name) : IValidateOptions<ClovaClientOptions>
{
    public ValidateOptionsResult Validate(string? name1, ClovaClientOptions options)
    {
        if (name1 != name)
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"CLOVA client options{(name.Length == 0 ? "" : $" '{name}'")}: {e.Message}");
        }
    }
}
