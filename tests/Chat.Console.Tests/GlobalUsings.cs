global using Bunit;
global using Chat.AgentConsole.Port;
global using Xunit;
