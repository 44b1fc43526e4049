using System;
using System.Buffers;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Errors;
using AtlasApiKeys.Core.Http;

namespace AtlasApiKeys.Core;

/// <summary>Turns an answer's body into a result; anything but the promised shape is a JsonException.</summary>
internal delegate T BodyParser<out T>(ReadOnlySpan<byte> body);

/// <summary>Sends a call through the session's pipeline and reads the answer: status, envelope,
/// Atlas error bodies, malformed bodies, and connection failures all end as <see cref="AtlasApiException"/>.</summary>
internal sealed class AtlasExchange(AtlasSession session)
{
    public static HttpContent Json<T>(T body, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = new MediaTypeHeaderValue(AtlasSession.MediaType);
        return content;
    }

    /// <summary>A call whose answer has no body (204).</summary>
    public Task SendAsync(AtlasCall call, HttpContent? content, CancellationToken cancellationToken) =>
        SendAsync(call, content, (BodyParser<object>?)null, cancellationToken);

    /// <summary>Sends the call. A read's answer is read inside each attempt (see
    /// <see cref="RequestFlags.SetAnswerReader"/>), so a broken body is retried within the retry budget.</summary>
    public async Task<T?> SendAsync<T>(AtlasCall call, HttpContent? content, BodyParser<T>? resultType, CancellationToken cancellationToken)
        where T : class
    {
        var operation = call.Operation;
        using var request = new HttpRequestMessage(call.Method, BuildUri(call)) { Content = content };
        RequestFlags.SetOperation(request, operation);
        if (operation.RetriesBrokenAnswer && resultType is not null)
        {
            RequestFlags.SetAnswerReader(request, async (answer, token) =>
            {
                using var abort = ResponseBody.DisposeOnCancel(answer, token);
                try
                {
                    return await ReadAnswerAsync(call, answer, resultType, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (token.IsCancellationRequested && ex is not OperationCanceledException)
                {
                    throw new OperationCanceledException("The answer was not read in time.", ex, token);   // the response was disposed under a read
                }
            });
        }

        try
        {
            if (session.IsDisposed)
            {
                throw new ObjectDisposedException(nameof(AtlasSession));   // its wire may live on in a session that shares it
            }

            using var response = await session.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (RequestFlags.TryGetAnswer(request, out var read))
            {
                return (T?)read;
            }

            using var abort = ResponseBody.DisposeOnCancel(response, cancellationToken);
            return await ReadAnswerAsync(call, response, resultType, cancellationToken).ConfigureAwait(false);
        }
        catch (AtlasApiException ex) when (ex.Kind == AtlasFailureKind.Api && operation.DoneAlreadyCode is { } done && ex.ErrorCode == done && RequestFlags.MayHaveReached(request))
        {
            // An earlier attempt acted before its answer was lost; this one finds the work done.
            return null;
        }
        catch (AtlasApiException ex) when (ex.Kind == AtlasFailureKind.Api && operation.MayHaveActed && RequestFlags.MayHaveReached(request))
        {
            throw new AtlasApiException($"{ex.Message} An earlier attempt may have acted before its answer was lost. {operation.LostAnswerAdvice}", ex.Kind, ex.Method, ex.Path, ex.StatusCode, ex.ErrorCode, ex.Reason, ex.Detail, ex.Parameters, ex.FieldViolations, mayHaveSucceeded: true, recommendedAction: operation.LostAnswerAdvice, inner: ex);
        }
        catch (AtlasApiException ex) when (ex.Kind == AtlasFailureKind.Api && ex.StatusCode == 403 && call.RequiredRole is { } role && !IsAccessListRefusal(ex.ErrorCode))
        {
            var advice = $"{role}; Atlas refused it to {session.Credential}. Ask an owner for that role there, or connect with credentials that have it.";
            throw new AtlasApiException(ex.Message, ex.Kind, ex.Method, ex.Path, ex.StatusCode, ex.ErrorCode, ex.Reason, ex.Detail, ex.Parameters, ex.FieldViolations, mayHaveSucceeded: ex.MayHaveSucceeded, recommendedAction: advice, inner: ex);
        }
        catch (AtlasApiException)
        {
            throw;
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw new OperationCanceledException("The call was cancelled.", ex, cancellationToken);   // the response was disposed under a read
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (JsonException ex)
        {
            throw Malformed(call, "the body is not the JSON the API promises", ex);
        }
        catch (AttemptTimeoutException ex)
        {
            throw Failure(call, AtlasFailureKind.Timeout, "TIMEOUT", $"no answer within {ex.Timeout.TotalSeconds:0.###} s", ex, mayHaveActed: true);
        }
        catch (Exception ex) when (ex is ObjectDisposedException || (ex is OperationCanceledException && session.IsDisposed))
        {
            // Closed before the call (ObjectDisposedException), or under it: disposing the client cancels what it
            // is sending, which may have reached Atlas (the handlers cannot tell that cancellation from the caller's).
            var mayHaveActed = operation.MayHaveActed && (ex is OperationCanceledException || RequestFlags.MayHaveReached(request));
            var advice = mayHaveActed ? operation.LostAnswerAdvice : null;
            throw new AtlasApiException($"This Atlas session is closed (Disconnect-Atlas closed it, or it was disposed): connect again, or pass a session that is open.{(advice is null ? string.Empty : " " + advice)}", AtlasFailureKind.Connection, call.Method.Method, call.DisplayPath, 0, "SESSION_CLOSED", mayHaveSucceeded: mayHaveActed, recommendedAction: advice, inner: ex);
        }
        catch (OperationCanceledException ex)
        {
            throw Failure(call, AtlasFailureKind.Timeout, "TIMEOUT", "the request timed out", ex, mayHaveActed: true);
        }
        catch (Exception ex) when (ConnectionFailures.IsConnectionFailure(ex))
        {
            throw Failure(call, AtlasFailureKind.Connection, "CONNECTION_FAILED", ConnectionFailures.Describe(ex), ex, RequestFlags.MayHaveReached(request) || !RetryHandler.FailedBeforeSending(ex), ConnectionFailures.Advice(ex, session.BaseUri));
        }
    }

    /// <summary>A 403 from the API access list, whose advice (the access-list cmdlet) is not about roles.</summary>
    private static bool IsAccessListRefusal(string? errorCode) =>
        errorCode is "ORG_REQUIRES_ACCESS_LIST" or "ORG_REQUIRES_WHITELIST" or "IP_ADDRESS_NOT_ON_ACCESS_LIST" or "IP_ADDRESS_NOT_ON_WHITELIST"
            or "RESOURCE_REQUIRES_ACCESS_LIST" or "RESOURCE_REQUIRES_WHITELIST";

    public static AtlasApiException Malformed(AtlasCall call, string reason, Exception? inner)
    {
        var advice = call.Operation.LostAnswerAdvice;
        var message = $"Atlas answered {call.Method.Method} {call.DisplayPath} with a malformed body: {reason}.{(advice is null ? string.Empty : " " + advice)}";
        return new AtlasApiException(message, AtlasFailureKind.MalformedResponse, call.Method.Method, call.DisplayPath, 0, "MALFORMED_RESPONSE", mayHaveSucceeded: call.Operation.MayHaveActed, recommendedAction: advice, inner: inner);
    }

    private Task<T?> ReadAnswerAsync<T>(AtlasCall call, HttpResponseMessage response, BodyParser<T>? resultType, CancellationToken cancellationToken)
        where T : class =>
        session.UseEnvelope
            ? ReadEnvelopeAsync(call, response, resultType, cancellationToken)
            : ReadAsync(call, response, resultType, cancellationToken);

    private static async Task<T?> ReadAsync<T>(AtlasCall call, HttpResponseMessage response, BodyParser<T>? parse, CancellationToken cancellationToken)
        where T : class
    {
        var status = (int)response.StatusCode;
        if (status >= 300)
        {
            var body = await ResponseBody.ReadAsync(response.Content.ReadAsStringAsync(), cancellationToken).ConfigureAwait(false);
            throw ErrorReader.FromBody(status, body, call.Method.Method, call.DisplayPath);
        }

        if (parse is null)
        {
            return null;
        }

        // One pooled buffer per answer: a page is parsed from it in place and the buffer goes back.
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await ResponseBody.ReadAsync(stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return parse(new ReadOnlySpan<byte>(buffer, 0, length));
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                ArrayPool<byte>.Shared.Return(buffer);   // after a cancellation a read given up on may still write into it
            }
        }
    }

    private static async Task<T?> ReadEnvelopeAsync<T>(AtlasCall call, HttpResponseMessage response, BodyParser<T>? resultType, CancellationToken cancellationToken)
        where T : class
    {
        var httpStatus = (int)response.StatusCode;
        var text = await ResponseBody.ReadAsync(response.Content.ReadAsStringAsync(), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        }
        catch (JsonException) when (httpStatus >= 300)
        {
            throw ErrorReader.FromBody(httpStatus, text, call.Method.Method, call.DisplayPath);
        }

        using (document)
        {
            var root = document.RootElement;
            var status = httpStatus;
            var content = root;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var enveloped))
                {
                    status = enveloped;
                }

                if (root.TryGetProperty("content", out var c))
                {
                    content = c;
                }
            }

            if (status >= 300)
            {
                throw ErrorReader.FromBody(status, content.GetRawText(), call.Method.Method, call.DisplayPath);
            }

            return resultType is null ? null : resultType(System.Text.Encoding.UTF8.GetBytes(content.GetRawText()));
        }
    }

    private Uri BuildUri(AtlasCall call)
    {
        var query = call.Query;
        if (session.UseEnvelope)
        {
            query = query is null ? "envelope=true" : query + "&envelope=true";
        }

        if (session.Pretty)
        {
            query = query is null ? "pretty=true" : query + "&pretty=true";
        }

        return new Uri(session.BaseUri, query is null ? call.Path : call.Path + "?" + query);
    }

    private static AtlasApiException Failure(AtlasCall call, AtlasFailureKind kind, string code, string what, Exception inner, bool mayHaveActed, string? otherAdvice = null)
    {
        var mayHaveSucceeded = mayHaveActed && call.Operation.MayHaveActed;
        var advice = (mayHaveSucceeded ? call.Operation.LostAnswerAdvice : null) ?? otherAdvice;
        var message = $"{call.Method.Method} {call.DisplayPath} failed: {what.TrimEnd('.')}.{(advice is null ? string.Empty : " " + advice)}";
        return new AtlasApiException(message, kind, call.Method.Method, call.DisplayPath, 0, code, mayHaveSucceeded: mayHaveSucceeded, recommendedAction: advice, inner: inner);
    }
}
