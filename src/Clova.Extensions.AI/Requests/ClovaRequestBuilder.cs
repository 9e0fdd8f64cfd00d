using System.Text.Json.Nodes;
using Clova.Chat;
using Clova.Internal;
using Clova.Rules;
using Microsoft.Extensions.AI;

namespace Clova.Requests;

/// <summary>
/// Fills a request from <see cref="ClovaParameters"/> for one dialect, in the one order every field follows: typed
/// options first, then <c>AdditionalProperties</c> where the typed options left a gap, then the fields of
/// <c>RawRepresentationFactory</c>, which win (they are written over the mapped ones, unvalidated). The rule book
/// runs before anything is sent.
/// </summary>
internal static class ClovaRequestBuilder
{
    /// <summary>A chat request (v3 or v1), mapped and checked.</summary>
    public static ClovaRequest ForChat(IEnumerable<ChatMessage> messages, ChatOptions? options, ClovaModelInfo model, ClovaDialect dialect, object? raw)
    {
        IReadOnlyList<ChatMessage> list = ClovaRuleBook.CheckMessages(messages, options?.Instructions);
        ClovaRuleBook.CheckOptions(options, raw);
        var request = new ClovaRequest(dialect, ChatRequestMapper.ToClovaMessages(list, options?.Instructions), FromChatOptions(options, model, dialect), raw as JsonObject);
        ClovaRuleBook.ApplyThinkingPolicy(request, model);
        ClovaRuleBook.Check(request, model);
        return request;
    }

    /// <summary>An LK completion request, checked.</summary>
    public static ClovaRequest ForCompletion(ClovaCompletionRequest completion)
    {
        ClovaRuleBook.CheckCompletion(completion);
        var values = new ClovaParameterValues();
        foreach (ClovaParameter row in ClovaParameters.All)
        {
            if (row.FromCompletion?.Invoke(completion) is { } value)
            {
                values.Set(row, value, ClovaValueSource.Typed);
            }
        }

        var request = new ClovaRequest(ClovaDialect.LkCompletion, null, values);
        ClovaRuleBook.CheckRanges(request, null);
        return request;
    }

    private static ClovaParameterValues FromChatOptions(ChatOptions? options, ClovaModelInfo model, ClovaDialect dialect)
    {
        var values = new ClovaParameterValues();
        if (options is null)
        {
            return values;
        }

        var context = new ClovaRequestContext(model, dialect);
        foreach (ClovaParameter row in ClovaParameters.All)
        {
            if (row.FromChatOptions?.Invoke(options, context) is not { } value)
            {
                continue;
            }

            if (row.Field(dialect) is not null)
            {
                values.Set(row, value, ClovaValueSource.Typed);
            }
            else if (!row.BestEffort)
            {
                throw ClovaRuleBook.NotInDialect(row, dialect, model);
            }
        }

        if (options.AdditionalProperties is { } properties)
        {
            foreach (KeyValuePair<string, object?> pair in properties)
            {
                if (pair.Value is null)
                {
                    continue;
                }

                ClovaParameter? row = ClovaParameters.Find(dialect, pair.Key);
                if (row is null || !row.FromAdditionalProperties)
                {
                    // Not a field of this dialect: another component's key, unless it names a field of another one.
                    ClovaRuleBook.CheckForeignKey(pair.Key, dialect, model);
                    continue;
                }

                if (!values.Has(row))
                {
                    values.Set(row, ClovaValueConverters.Read(row, pair.Key, pair.Value), ClovaValueSource.AdditionalProperties);
                }
            }
        }

        return values;
    }
}
