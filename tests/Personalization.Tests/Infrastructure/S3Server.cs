using System.Diagnostics;
using System.Net.Sockets;
using Amazon.S3;
using Amazon.S3.Model;
using Personalization.Silo.Storage.S3;

namespace Personalization.Tests.Infrastructure;

/// <summary>
/// A real S3-compatible server (the npm package s3rver, installed by test.sh under tests/servers) on a
/// free loopback port, with its own data directory and bucket. It can be stopped and started again on
/// the same port and directory, to simulate an S3 outage.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string Bucket = "personalization-test";

    // s3rver accepts exactly these credentials.
    private const string Credential = "S3RVER";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pz-s3rver-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Settings that point the product's storage (and lake) at this server.</summary>
    public IEnumerable<string> Arguments() =>
    [
        "--Storage:Provider=s3",
        $"--S3:ServiceUrl={ServiceUrl}",
        "--S3:ForcePathStyle=true",
        $"--S3:BucketName={Bucket}",
        $"--S3:AccessKey={Credential}",
        $"--S3:SecretKey={Credential}",
        "--S3:FirstRetryDelay=00:00:00.050",
        "--S3:MaxRetryDelay=00:00:00.200",
        "--S3:RequestTimeout=00:00:05",
    ];

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (IsRunning) return;
        Directory.CreateDirectory(_directory);
        var script = Path.Combine(RepositoryRoot(), "tests", "servers", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"s3rver is not installed at '{script}'. Run ./test.sh, or 'npm install --prefix tests/servers'.");

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "-d", _directory, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-s", "--no-vhost-buckets", "--configure-bucket", Bucket },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start; is Node.js installed?");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await AcceptsConnectionsAsync())
        {
            if (_process.HasExited) throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode} before listening on port {Port}.");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"s3rver did not listen on port {Port} within 30 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the server hard (its data directory stays), as an outage would.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>A plain client of this server for the test's own checks (not the product's client).</summary>
    public IAmazonS3 Client() => S3ClientFactory.Create(
        new S3Options { ServiceUrl = ServiceUrl, ForcePathStyle = true, AccessKey = Credential, SecretKey = Credential, BucketName = Bucket },
        new S3RequestCounter());

    /// <summary>Every key under a prefix.</summary>
    public async Task<List<string>> KeysAsync(string prefix)
    {
        using var client = Client();
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return keys;
    }

    /// <summary>
    /// Reads an object whole. s3rver rewrites an object in place, so a read racing a write can get a torn
    /// body that fails the checksum, or an internal error (real S3 replaces objects atomically): such a
    /// read is tried again.
    /// </summary>
    public async Task<byte[]> ReadAsync(string key)
    {
        using var client = Client();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await client.GetObjectAsync(Bucket, key);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer);
                return buffer.ToArray();
            }
            catch (Exception e) when (attempt < 5 && e is Amazon.Runtime.AmazonClientException or Amazon.S3.AmazonS3Exception { StatusCode: >= System.Net.HttpStatusCode.InternalServerError })
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Personalization.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No Personalization.sln above '{AppContext.BaseDirectory}'.");
    }
}
