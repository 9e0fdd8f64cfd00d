using System.Text;
using System.Text.RegularExpressions;
using Clova.Emulator;
using Clova.Tests.Infrastructure;

namespace Clova.Tests;

/// <summary>Issue 16: the README stays short, and its C# is exactly code that compiles and runs.</summary>
[Collection(ProcessWideHttpCollection.Name)]
public sealed partial class ReadmeTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_README_stays_under_8_KB_for_newcomers()
    {
        Assert.True(new FileInfo(Path.Combine(Root, "README.md")).Length <= 8 * 1024, "README.md is over 8 KB: move detail to docs/");
    }

    [Fact]
    public void Every_CSharp_block_in_the_README_is_a_region_of_a_compiled_quick_start()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var regions = new List<string>();
        foreach (string file in new[] { "samples/QuickStarts/QuickStart.cs", "samples/SemanticKernelChat/QuickStart.cs" })
        {
            foreach (Match match in Region().Matches(File.ReadAllText(Path.Combine(Root, file))))
            {
                regions.Add(Normalise(match.Groups[1].Value));
            }
        }

        MatchCollection blocks = CSharpBlock().Matches(readme);
        Assert.Equal(4, blocks.Count);
        Assert.All(blocks, block => Assert.Contains(Normalise(block.Groups[1].Value), regions));
    }

    [Fact]
    public void Every_CSharp_block_in_docs_is_a_region_of_a_compiled_snippet_file()
    {
        List<string> regions = Regions("samples/DocSnippets/DocSnippets.cs", "samples/SemanticKernelChat/QuickStart.cs");
        int blocks = 0;
        foreach (string doc in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md"))
        {
            foreach (Match block in CSharpBlock().Matches(File.ReadAllText(doc)))
            {
                blocks++;
                Assert.True(regions.Contains(Normalise(block.Groups[1].Value)), $"{Path.GetFileName(doc)} has a C# block that no compiled snippet holds:\n{block.Groups[1].Value}");
            }
        }

        Assert.Equal(10, blocks);
    }

    private static List<string> Regions(params string[] files)
    {
        var regions = new List<string>();
        foreach (string file in files)
        {
            foreach (Match match in Region().Matches(File.ReadAllText(Path.Combine(Root, file))))
            {
                regions.Add(Normalise(match.Groups[1].Value));
            }
        }

        return regions;
    }

    [Fact]
    public async Task The_quick_starts_run_against_the_emulator_by_environment_alone()
    {
        await using ClovaEmulator emulator = await ClovaEmulator.StartAsync();
        string[] names = ["CLOVASTUDIO_API_KEY", "CLOVA_API_KEY", "CLOVASTUDIO_ENDPOINT", "CLOVA_ENDPOINT", "Clova__ApiKey", "Clova__Endpoint", "Logging__LogLevel__Default"];
        string?[] saved = [.. names.Select(Environment.GetEnvironmentVariable)];
        TextWriter console = Console.Out;
        var output = new StringWriter();
        try
        {
            Environment.SetEnvironmentVariable("CLOVASTUDIO_API_KEY", null);
            Environment.SetEnvironmentVariable("CLOVASTUDIO_ENDPOINT", null);
            Environment.SetEnvironmentVariable("CLOVA_API_KEY", "nv-readme");
            Environment.SetEnvironmentVariable("CLOVA_ENDPOINT", emulator.BaseUri.ToString());
            Environment.SetEnvironmentVariable("Clova__ApiKey", "nv-readme");
            Environment.SetEnvironmentVariable("Clova__Endpoint", emulator.BaseUri.ToString());
            Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "None");
            Console.SetOut(output);

            await QuickStart.ChatAsync();
            await QuickStart.EmbeddingsAsync();
            await QuickStart.HostingAsync();
        }
        finally
        {
            Console.SetOut(console);
            for (int i = 0; i < names.Length; i++)
            {
                Environment.SetEnvironmentVariable(names[i], saved[i]);
            }
        }

        string printed = output.ToString();
        Assert.Contains("«부분집합의 수를 설명해 줘»에 대한 답변입니다.", printed, StringComparison.Ordinal);
        Assert.Contains("2 vectors of 1024 floats", printed, StringComparison.Ordinal);
        Assert.Contains("«안녕하세요»에 대한 답변입니다.", printed, StringComparison.Ordinal);
        Assert.Equal(["/v3/chat-completions/HCX-007", "/v1/api-tools/embedding/v2", "/v1/api-tools/embedding/v2", "/v3/chat-completions/HCX-DASH-002"], emulator.Requests.Select(r => r.Path));
    }

    private static string Normalise(string code)
    {
        string[] lines = code.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Trim().Length == 0 ? "" : l[indent..].TrimEnd())).Trim('\n');
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClovaConnectors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ClovaConnectors.sln) was not found above the test assembly.");
    }

    [GeneratedRegex(@"#region [\w-]+\n(.*?)\n\s*#endregion", RegexOptions.Singleline)]
    private static partial Regex Region();

    [GeneratedRegex(@"```csharp\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
