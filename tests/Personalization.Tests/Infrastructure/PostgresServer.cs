using System.Diagnostics;
using Npgsql;

namespace Personalization.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster: <c>initdb</c> into a temporary directory, <c>pg_ctl start</c> on a free
/// loopback port, removed on dispose. Uses the machine's binaries (<c>/usr/lib/postgresql/*/bin</c>, Debian
/// package <c>postgresql</c>, installed by test.sh). PostgreSQL refuses to run as root, so under root the
/// directory belongs to the <c>postgres</c> user and the tools run through <c>runuser</c>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Superuser = "postgres";
    private string _binaries = "";
    private string _directory = "";
    private bool _started;
    private int _databases;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        _binaries = FindBinaries();
        _directory = Path.Combine(Path.GetTempPath(), "personalization-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        if (IsRoot) await RunAsync("chown", ["-R", "postgres:postgres", _directory], asPostgres: false);

        var data = Path.Combine(_directory, "data");
        await RunAsync(Path.Combine(_binaries, "initdb"), ["-D", data, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        Port = FreePort.Next();
        // Durability is not under test here; fsync off keeps the suite fast on a shared 2-core machine.
        var serverOptions = $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", data, "-o", serverOptions, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start"]);
        _started = true;
    }

    /// <summary>A new, empty database on this server; its connection string (no search path).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "personalization")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={Superuser};Pooling=true;Maximum Pool Size=50;Timeout=15";

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (_started) await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var candidate = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return candidate ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries under /usr/lib/postgresql/*/bin. Run ./test.sh (it installs the Debian package 'postgresql') or apt-get install postgresql.");
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && IsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", program]) start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
