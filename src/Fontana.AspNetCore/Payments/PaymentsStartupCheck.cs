namespace Fontana.AspNetCore.Payments;

/// <summary>Builds the payment gate at start-up, so a missing ledger or a bad key fails the start, not the first paid call.</summary>
internal sealed class PaymentsStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<PaymentGate>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
