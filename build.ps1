# Thin wrapper over the same commands README and .ci/run use.
#   ./build.ps1 run      run the server on its embedded defaults
#   ./build.ps1 test     run every test
#   ./build.ps1 publish  publish the server (with the built widget) to artifacts/publish
param(
    [ValidateSet('run', 'test', 'publish')]
    [string]$Command = 'run'
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

switch ($Command) {
    'run' { dotnet run --project server }
    'test' { dotnet test Chat.sln }
    'publish' { dotnet publish server -c Release -o artifacts/publish }
}
exit $LASTEXITCODE
