using System.Globalization;
using Clova;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers a <see cref="ClovaClient"/> in a .NET host: one singleton per account (keyed for several), owned and
/// disposed by the container; options bound from configuration (keys are the <see cref="ClovaClientOptions"/> property
/// names) and validated at start-up; the HTTP handler from <see cref="IHttpClientFactory"/>'s named client
/// (<see cref="HttpClientName"/>), with the connector's safety defaults; the logger from the container.
/// </summary>
public static class ClovaServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="IHttpClientFactory"/> name of the unkeyed client's HTTP pipeline; a keyed client's is this plus
    /// <c>:</c> and its key. Add handlers with <c>services.AddHttpClient(ClovaServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(…)</c>.
    /// </summary>
    public const string HttpClientName = "Clova";

    /// <summary>Registers the <see cref="ClovaClient"/> with options bound from <paramref name="configuration"/> (a section such as <c>"Clova"</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section whose keys are <see cref="ClovaClientOptions"/> property names (<c>Endpoint</c>, <c>ApiKey</c>, <c>Retry:MaxRetryAttempts</c>…).</param>
    /// <returns>A builder to add chat clients and embedding generators.</returns>
    public static ClovaClientBuilder AddClovaClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, null, o => o.Configure(options => Bind(configuration, options)));
    }

    /// <summary>Registers the <see cref="ClovaClient"/> with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder to add chat clients and embedding generators.</returns>
    public static ClovaClientBuilder AddClovaClient(this IServiceCollection services, Action<ClovaClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, null, o => o.Configure(configure));
    }

    /// <summary>Registers a keyed <see cref="ClovaClient"/> (one per account) with options bound from <paramref name="configuration"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="key">The service key.</param>
    /// <param name="configuration">The options section.</param>
    /// <returns>A builder to add chat clients and embedding generators.</returns>
    public static ClovaClientBuilder AddKeyedClovaClient(this IServiceCollection services, object key, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, key, o => o.Configure(options => Bind(configuration, options)));
    }

    /// <summary>Registers a keyed <see cref="ClovaClient"/> with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="key">The service key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder to add chat clients and embedding generators.</returns>
    public static ClovaClientBuilder AddKeyedClovaClient(this IServiceCollection services, object key, Action<ClovaClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, key, o => o.Configure(configure));
    }

    private static ClovaClientBuilder Register(IServiceCollection services, object? key, Action<OptionsBuilder<ClovaClientOptions>> bind)
    {
        ArgumentNullException.ThrowIfNull(services);
        string optionsName = key is null ? Options.Options.DefaultName : $"{HttpClientName}:{Convert.ToString(key, CultureInfo.InvariantCulture)}";
        string httpName = key is null ? HttpClientName : optionsName;

        OptionsBuilder<ClovaClientOptions> options = services.AddOptions<ClovaClientOptions>(optionsName);
        bind(options);
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClovaClientOptions>>(new ClovaOptionsValidator(optionsName));

        // Our safety defaults on the factory's primary handler: no redirects (they would carry the key elsewhere),
        // connections recycled so DNS changes are seen. No proxy for plain-http loopback is applied when the client
        // is made, where the endpoint is known. HttpClient.Timeout does not apply: the connector makes its own
        // HttpClient over this handler, governed by NetworkTimeout.
        services.AddHttpClient(httpName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });

        Func<IServiceProvider, ClovaClient> create = provider => Create(provider, optionsName, httpName);
        if (key is null)
        {
            services.TryAddSingleton(create);
        }
        else
        {
            services.TryAddKeyedSingleton(key, (provider, _) => create(provider));
        }

        return new ClovaClientBuilder(services, key);
    }

    private static void Bind(IConfiguration configuration, ClovaClientOptions options)
    {
        var bound = new ClovaConfiguration();
        configuration.Bind(bound, binder => binder.ErrorOnUnknownConfiguration = true);
        bound.ApplyTo(options);
    }

    private static ClovaClient Create(IServiceProvider provider, string optionsName, string httpName)
    {
        ClovaClientOptions options = provider.GetRequiredService<IOptionsMonitor<ClovaClientOptions>>().Get(optionsName).Clone();
        if (options.HttpClient is null && options.HttpMessageHandler is null)
        {
            options.HttpMessageHandler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(httpName);
        }

        options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
        return new ClovaClient(options);
    }
}
