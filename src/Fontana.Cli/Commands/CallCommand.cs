using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core.Errors;
using Fontana.Core;
using Fontana.Sdk;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana call URL [--max-price A] [-X METHOD] [-d BODY]</c>: one paid HTTP call from the wallet. Prints the
/// response body on stdout and the receipt on stderr (or one JSON object with <c>--json</c>); exits non-zero when the
/// payment fails or the API answers an error status.
/// </summary>
internal static class CallCommand
{
    /// <summary>Default per-call price limit when <c>--max-price</c> is not given.</summary>
    public static readonly Amount DefaultMaxPrice = Amount.FromUtia(10_000);

    public static Command Create()
    {
        var url = new Argument<string>("URL") { Description = "The API URL (http or https)" };
        var maxPrice = new Option<string?>("--max-price") { Description = "Most this call may cost, e.g. \"0.001 TIA\" (default 0.01 TIA)" };
        var method = new Option<string>("--request", "-X") { Description = "HTTP method", DefaultValueFactory = _ => "GET", HelpName = "METHOD" };
        var store = CliStore.CreateOption();
        var session = new Option<bool>("--session") { Description = "Pay through a payment session when the API offers one (opened on first use, kept in --sessions-dir; see fontana sessions)" };
        var sessionsDir = SessionsCommand.DirectoryOption();
        var data = new Option<string?>("--data", "-d") { Description = "Request body (sent as application/json when it looks like JSON, else text/plain)", HelpName = "BODY" };
        var command = new Command("call", "Make a paid HTTP call: answers a 402 by paying from the wallet, prints the body (receipt on stderr)")
        {
            url, maxPrice, method, data, store, session, sessionsDir,
        };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var target = ParseUrl(context.Parse.GetValue(url));
            var limit = context.Parse.GetValue(maxPrice) is { } text ? CliParse.Amount(text, "--max-price") : DefaultMaxPrice;
            var request = new HttpRequestMessage(new HttpMethod(context.Parse.GetValue(method)!.ToUpperInvariant()), target);
            if (context.Parse.GetValue(data) is { } body)
            {
                var json = body.TrimStart().StartsWith('{') || body.TrimStart().StartsWith('[');
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, json ? "application/json" : "text/plain");
            }

            using var wallet = CliWallet.Load(context);
            using var walletStore = CliStore.Open(context, store);
            using var node = new FontanaClient(context.NodeUrl);
            using var payer = new FontanaPayer(node, new FontanaPayerOptions
            {
                NodeUrl = context.NodeUrl,
                Wallet = wallet,
                MaxPricePerCall = limit,
                RefreshInterval = TimeSpan.Zero,
                UseStream = false,
                Store = walletStore,
                Sessions = new Fontana.Sdk.Sessions.PaymentSessionOptions
                {
                    Enabled = context.Parse.GetValue(session),
                    StoreDirectory = SessionsCommand.DirectoryOf(context, context.Parse.GetValue(sessionsDir)),
                },
            });
            HttpResponseMessage response;
            var started = TimeProvider.System.GetUtcNow();
            try
            {
                response = await payer.CallPaidApiAsync(request, limit, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw await InterruptedCall.DescribeAsync(walletStore, node, started);
            }
            catch (FontanaPaymentException ex)
            {
                throw CliFailures.From(ex);
            }
            catch (HttpRequestException ex)
            {
                throw new CliFailure(ErrorCodes.ApiUnreachable, $"cannot reach {target}: {ex.Message}");
            }

            using (response)
            {
                var content = await response.Content.ReadAsStringAsync(ct);
                var receipt = response.GetFontanaReceipt();
                var ok = response.IsSuccessStatusCode;
                if (context.Json)
                {
                    var json = ToJson((int)response.StatusCode, content, receipt);
                    if (SessionsCommand.ReadCharge(response) is { } charge)
                    {
                        json["session"] = charge;
                    }

                    context.WriteJson(json);
                }
                else
                {
                    context.Out.Write(content);
                    if (content.Length > 0 && !content.EndsWith('\n'))
                    {
                        context.Out.WriteLine();
                    }

                    context.Note(receipt is not null ? Describe(receipt)
                        : SessionsCommand.ReadCharge(response) is { } charge
                            ? $"paid through session {charge["sessionId"]}: charged {charge["charged"]}utia ({charge["reason"]}), voucher #{charge["counter"]}, {charge["totalCharged"]}utia charged on the session so far"
                            : "not paid (the API did not ask for payment)");
                    if (!ok)
                    {
                        context.Note($"error http-{(int)response.StatusCode}: the API answered {(int)response.StatusCode} {response.ReasonPhrase}");
                    }
                }

                return ok ? 0 : 1;
            }
        });
        return command;
    }

    internal static string Describe(PaymentReceipt receipt)
    {
        var sequence = receipt.Receipt is { } r ? ", receipt #" + r.Sequence.ToString(CultureInfo.InvariantCulture) : ", no receipt";
        var verified = receipt.ReceiptVerified ? " (sequencer signature verified)" : " (receipt NOT verified)";
        return $"paid {receipt.Price} (+ fee {receipt.Fee}) to {receipt.PayTo}; tx {receipt.TxId}{sequence}{verified}";
    }

    private static JsonObject ToJson(int status, string body, PaymentReceipt? receipt)
    {
        var result = new JsonObject { ["status"] = status, ["body"] = body, ["paid"] = receipt is not null };
        if (receipt is not null)
        {
            result["txId"] = receipt.TxId.ToString();
            result["price"] = receipt.Price.Utia.ToString(CultureInfo.InvariantCulture);
            result["fee"] = receipt.Fee.Utia.ToString(CultureInfo.InvariantCulture);
            result["payTo"] = receipt.PayTo.ToString();
            result["network"] = receipt.Network;
            result["receiptVerified"] = receipt.ReceiptVerified;
            if (receipt.Receipt is { } r)
            {
                result["sequence"] = r.Sequence;
                result["acceptedAt"] = r.AcceptedAt;
                result["sequencerSignature"] = r.SequencerSignature;
            }
        }

        return result;
    }

    private static Uri ParseUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliFailure(CliErrorCodes.BadArgument, $"URL must be an absolute http(s) URL (got '{text}')");
}
