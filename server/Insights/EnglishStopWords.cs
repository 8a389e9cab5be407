namespace Chat.Server.Insights;

/// <summary>English words that carry no topic of their own; left out of the first-message phrases.</summary>
internal static class EnglishStopWords
{
    public static readonly IReadOnlySet<string> Words = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "anyone", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "can't", "cannot",
        "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "dont", "down", "during", "each",
        "few", "for", "from", "further", "get", "got", "had", "hasn't", "has", "have", "haven't", "having", "he", "hello",
        "her", "here", "hers", "herself", "hey", "hi", "him", "himself", "his", "how", "i", "i'd", "i'll", "i'm", "im",
        "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", "let", "like", "may", "me",
        "might", "more", "most", "much", "must", "my", "myself", "need", "no", "nor", "not", "now", "of", "off", "ok",
        "okay", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "please",
        "pls", "same", "shall", "she", "should", "so", "some", "still", "such", "than", "thank", "thanks", "that",
        "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they", "this",
        "those", "through", "to", "too", "under", "until", "up", "us", "very", "want", "was", "wasn't", "we", "we're",
        "were", "what", "what's", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "won't",
        "would", "yes", "yet", "you", "you're", "your", "yours", "yourself",
    };
}
