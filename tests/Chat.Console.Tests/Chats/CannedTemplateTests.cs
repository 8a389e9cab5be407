namespace Chat.AgentConsole.Tests.Chats;

public sealed class CannedTemplateTests
{
    [Theory]
    [InlineData("Hi {{customer.first_name}}, {{customer.name}}, {{agent.name}}, {{site.name}}")]
    [InlineData("Spaces inside are fine: {{ agent.name }}")]
    [InlineData("No variables at all")]
    public void Known_variables_pass(string text)
    {
        Assert.Empty(CannedTemplate.UnknownVariables(text));
        Assert.False(CannedTemplate.HasStrayBraces(text));
    }

    [Fact]
    public void Unknown_variables_are_reported_once_each_in_order()
    {
        Assert.Equal(["customer.age", "Agent.Name"],
            CannedTemplate.UnknownVariables("{{customer.age}} {{Agent.Name}} {{customer.age}} {{site.name}}"));
    }

    [Theory]
    [InlineData("Hi {{customer.name")]
    [InlineData("Hi customer.name}}")]
    public void Unclosed_braces_are_caught(string text)
    {
        Assert.True(CannedTemplate.HasStrayBraces(text));
    }

    [Fact]
    public void Filling_uses_the_first_word_of_the_name_and_leaves_other_text_alone()
    {
        var values = CannedTemplate.ValuesFor("  Ana Lima ", "Sam", "Mug House");

        Assert.Equal("Hi Ana (Ana Lima), Sam of Mug House {{x}}",
            CannedTemplate.Fill("Hi {{customer.first_name}} ({{customer.name}}), {{ agent.name }} of {{site.name}} {{x}}", values));
    }
}
