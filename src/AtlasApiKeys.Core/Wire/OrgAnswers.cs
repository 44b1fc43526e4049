using System;
using System.Collections.Generic;
using System.Text.Json;
using AtlasApiKeys.Core.Model;

namespace AtlasApiKeys.Core.Wire;

/// <summary>Reads the answers of the access-list and project operations into the model. Anything that
/// is not the promised shape is a <see cref="JsonException"/>.</summary>
internal static class OrgAnswers
{
    /// <summary>A page of PaginatedApiUserAccessListResponseView.</summary>
    public static WirePage<ApiKeyAccessListEntry> AccessListPage(ReadOnlySpan<byte> body, string orgId, string apiKeyId)
    {
        var page = JsonSerializer.Deserialize(body, AtlasJsonContext.Default.PageDtoAccessListEntryDto);
        return Page(page?.Results, page, dto => Entry(dto, orgId, apiKeyId));
    }

    /// <summary>Group.</summary>
    public static AtlasProject Project(ReadOnlySpan<byte> body) =>
        Project(JsonSerializer.Deserialize(body, AtlasJsonContext.Default.GroupDto));

    /// <summary>A page of groups.</summary>
    public static WirePage<AtlasProject> ProjectPage(ReadOnlySpan<byte> body)
    {
        var page = JsonSerializer.Deserialize(body, AtlasJsonContext.Default.PageDtoGroupDto);
        return Page(page?.Results, page, Project);
    }

    private static WirePage<TItem> Page<TDto, TItem>(List<TDto>? results, PageDto<TDto>? page, Func<TDto, TItem> map)
    {
        if (results is null)
        {
            throw new JsonException("the page has no results array");
        }

        var items = new List<TItem>(results.Count);
        foreach (var dto in results)
        {
            items.Add(map(dto ?? throw new JsonException("a result is null")));
        }

        if (page!.TotalCount is < 0)
        {
            throw new JsonException("totalCount is not a count");
        }

        return new WirePage<TItem>(items, page.TotalCount, page.Links?.Exists(l => l?.Rel == "next") ?? false);
    }

    private static ApiKeyAccessListEntry Entry(AccessListEntryDto dto, string orgId, string apiKeyId) =>
        dto.CidrBlock is { Length: > 0 } || dto.IpAddress is { Length: > 0 }
            ? new ApiKeyAccessListEntry(orgId, apiKeyId, dto.CidrBlock, dto.IpAddress, dto.Created, dto.LastUsed, dto.LastUsedAddress, dto.Count)
            : throw new JsonException("an access-list entry has neither cidrBlock nor ipAddress");

    private static AtlasProject Project(GroupDto? dto) =>
        dto is not null && AtlasValidation.IsObjectId(dto.Id) && AtlasValidation.IsObjectId(dto.OrgId) && dto.Name is not null
            ? new AtlasProject(dto.Id!.ToLowerInvariant(), dto.Name, dto.OrgId!.ToLowerInvariant())
            : throw new JsonException("a project has no valid id, name or orgId");
}
