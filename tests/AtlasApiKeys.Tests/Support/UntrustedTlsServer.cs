using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace AtlasApiKeys.Tests.Support;

/// <summary>A loopback TLS listener whose certificate no machine trusts (self-signed, for another host
/// name): every handshake fails on the client's side, as behind a misnamed or intercepting server.</summary>
public sealed class UntrustedTlsServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 certificate;
    private readonly CancellationTokenSource stop = new();

    public UntrustedTlsServer()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=not-atlas.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        certificate = X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
        listener.Start();
        _ = AcceptAsync();
    }

    private int connections;

    /// <summary>How many connections a client opened (each one a handshake it refused).</summary>
    public int Connections => Volatile.Read(ref connections);

    public Uri BaseUri => new($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        certificate.Dispose();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            _ = Task.Run(async () =>
            {
                using (client)
                using (var tls = new SslStream(client.GetStream()))
                {
                    try
                    {
                        await tls.AuthenticateAsServerAsync(certificate);
                    }
                    catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or System.IO.IOException)
                    {
                        // The client refused the certificate: what the test is about.
                    }
                }
            });
        }
    }
}
