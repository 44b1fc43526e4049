using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core;

/// <summary>The five operations on organization API keys assigned to a project. Every failure is an
/// <see cref="Errors.AtlasApiException"/>; bad arguments are an <see cref="System.ArgumentException"/>
/// naming the parameter, thrown before any request.</summary>
public interface IAtlasProjectApiKeyClient
{
    /// <summary>Every key of the project, yielded as each page arrives.</summary>
    IAsyncEnumerable<ProjectApiKey> ListAsync(string projectId, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The project's keys page by page.</summary>
    IAsyncEnumerable<AtlasPage<ProjectApiKey>> ListPagesAsync(string projectId, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>One key of the project, or null (the API has no GET for one key: this lists and stops at the match).</summary>
    Task<ProjectApiKey?> FindAsync(string projectId, string apiKeyId, CancellationToken cancellationToken = default);

    /// <summary>Creates a key and assigns it to the project; the result holds the private key. Never sent twice.</summary>
    Task<ProjectApiKey> CreateAsync(string projectId, string description, IReadOnlyList<string> roles, CancellationToken cancellationToken = default);

    /// <summary>Assigns an existing organization key to the project with these roles.</summary>
    Task AssignAsync(string projectId, string apiKeyId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default);

    /// <summary>Changes the key's roles in the project (they replace its roles there) and/or its description.</summary>
    Task<ProjectApiKey> UpdateAsync(string projectId, string apiKeyId, IReadOnlyList<string>? roles, string? description, CancellationToken cancellationToken = default);

    /// <summary>Unassigns the key from the project.</summary>
    Task UnassignAsync(string projectId, string apiKeyId, CancellationToken cancellationToken = default);
}
