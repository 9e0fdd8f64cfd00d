namespace Clova;

/// <summary>Names of the CLOVA Studio models the connector knows, for use as model ids.</summary>
public static class ClovaModels
{
    /// <summary>HyperCLOVA X THINK: reasoning, structured outputs; v3 only; 128k context.</summary>
    public const string Hcx007 = "HCX-007";

    /// <summary>HyperCLOVA X vision model: text and images, function calling; v3 only; 128k context.</summary>
    public const string Hcx005 = "HCX-005";

    /// <summary>Lightweight HyperCLOVA X with function calling; v3 only; 32k context.</summary>
    public const string HcxDash002 = "HCX-DASH-002";

    /// <summary>Legacy HyperCLOVA X (v1, and v3 for plain chat); tunable; 8k context.</summary>
    public const string Hcx003 = "HCX-003";

    /// <summary>Legacy lightweight HyperCLOVA X (v1); 4k context.</summary>
    public const string HcxDash001 = "HCX-DASH-001";

    /// <summary>General-purpose embedding model (v1 embedding API): 1–500 tokens in, 1024 floats out, not normalised.</summary>
    public const string ClirEmbDolphin = "clir-emb-dolphin";

    /// <summary>Embedding model tuned for sentence similarity (v1 embedding API): 1–500 tokens in, 1024 floats out.</summary>
    public const string ClirStsDolphin = "clir-sts-dolphin";

    /// <summary>BGE-M3 (embedding v2 API): up to 8,192 tokens in, 1024 floats out; CLOVA's tokenizer counts for it.</summary>
    public const string BgeM3 = "bge-m3";
}
