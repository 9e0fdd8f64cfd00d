namespace Clova;

/// <summary>Settings for a <see cref="ClovaChatReducer"/>.</summary>
public sealed class ClovaChatReducerOptions
{
    /// <summary>Gets or sets the strategy; <see cref="ClovaReductionStrategy.Auto"/> chooses per history.</summary>
    public ClovaReductionStrategy Strategy { get; set; }

    /// <summary>
    /// Gets or sets the input budget for <see cref="ClovaReductionStrategy.LocalTokenBudget"/>. Defaults to the
    /// model's context window minus the planned output; required for models the library does not know.
    /// </summary>
    public int? TokenBudget { get; set; }

    /// <summary>
    /// Gets or sets the tokens added per message for role and turn markers, which the calculator's content counts
    /// leave out (an estimate: CLOVA bills such special tokens as input). Default 3.
    /// </summary>
    public int MessageOverheadTokens { get; set; } = 3;
}
