namespace Personalization.Domain;

/// <summary>Splits catalogue text into lower-case word tokens, dropping very short words and stop words.</summary>
public static class TextTokenizer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "de", "for", "from", "in", "is", "it", "of", "on", "or",
        "set", "the", "this", "to", "with", "your", "you", "our", "new", "pack", "size",
    };

    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            if (inWord || start < 0) continue;
            var word = text[start..i].ToLowerInvariant();
            start = -1;
            if (word.Length >= 2 && !StopWords.Contains(word)) yield return word;
        }
    }
}
