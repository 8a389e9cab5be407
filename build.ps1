# Thin wrapper over the same commands README and .ci/run use. Runs on PowerShell 7 anywhere;
# on our machines `dotnet tool restore` brings it as a local tool: `dotnet pwsh build.ps1 test`.
#   ./build.ps1 run                     run the server on its embedded defaults
#   ./build.ps1 test                    run every test
#   ./build.ps1 publish [-Output DIR]   publish the server (with the built widget) to DIR
#                                       (relative to where you are), artifacts/publish by default
param(
    [ValidateSet('run', 'test', 'publish')]
    [string]$Command = 'run',
    [string]$Output = (Join-Path $PSScriptRoot 'artifacts/publish')
)

$ErrorActionPreference = 'Stop'
$Output = [IO.Path]::GetFullPath($Output, $PWD.Path)
Set-Location $PSScriptRoot

switch ($Command) {
    'run' { dotnet run --project server }
    'test' { dotnet test Chat.sln }
    'publish' { dotnet publish server -c Release -o $Output }
}
exit $LASTEXITCODE
