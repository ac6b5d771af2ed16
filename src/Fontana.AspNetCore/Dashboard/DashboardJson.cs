using System.Text.Json;

namespace Fontana.AspNetCore.Dashboard;

/// <summary>camelCase JSON for the dashboard, independent of the host's own JSON settings.</summary>
internal static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
