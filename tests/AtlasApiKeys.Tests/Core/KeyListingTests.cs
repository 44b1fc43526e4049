using System;
using System.Linq;
using System.Threading.Tasks;
using AtlasApiKeys.Core;
using AtlasApiKeys.StubServer;
using Xunit;

namespace AtlasApiKeys.Tests.Core;

public sealed class KeyListingTests : StubTest
{
    [Theory]
    [InlineData(0UL, 10UL, 10, 1, 1)]
    [InlineData(20UL, 10UL, 10, 3, 1)]
    [InlineData(7UL, 10UL, 500, 1, 1)]
    [InlineData(495UL, 10UL, 500, 1, 2)]
    [InlineData(1000UL, ulong.MaxValue, 500, 3, null)]
    [InlineData(0UL, 0UL, 1, 1, 1)]      // -First 0: one key, for -IncludeTotalCount's total
    [InlineData(7UL, 0UL, 1, 1, 1)]
    public void Page_plans_cover_skip_and_first(ulong skip, ulong first, int perPage, int startPage, int? maxPages)
    {
        var plan = KeyListing.Plan(skip, first);
        Assert.Equal((perPage, startPage, maxPages), (plan.ItemsPerPage, plan.StartPage, plan.MaxPages));
    }

    [Fact]
    public async Task A_project_reads_a_bounded_number_of_pages_ahead_of_its_consumer()
    {
        var bulk = Stub.Server.State.AddProject("bulk");
        StubSeed.AddBulkKeys(Stub.Server.State, bulk, Stub.Seed.Staging, 5000);   // ten pages
        var session = Stub.Digest();

        await using (var parts = KeyListing.InOrderAsync(session.ApiKeys, [bulk.Id, Stub.Production], 2).GetAsyncEnumerator())
        {
            Assert.True(await parts.MoveNextAsync());
            await Task.Delay(1000);   // a consumer that does not come back: time for pages that would be read anyway

            var pages = Stub.ApiRequests().Count(r => r.Path.Contains(bulk.Id, StringComparison.Ordinal) && r.Status == 200);
            Assert.InRange(pages, 1, 1 + KeyListing.PagesAhead + 2);   // the one taken, the channel's, the one waiting to go in, the client's read-ahead
            Assert.Contains(Stub.ApiRequests(), r => r.Path.Contains(Stub.Production, StringComparison.Ordinal));   // the second slot listed the next project meanwhile
        }

        var production = Stub.ApiRequests().Count;
        await Task.Delay(300);
        Assert.Equal(production, Stub.ApiRequests().Count);   // disposing stopped everything
    }

    [Fact]
    public async Task Projects_come_back_in_input_order_with_each_failure_after_its_pages()
    {
        var session = Stub.Digest();
        var parts = await KeyListing.InOrderAsync(session.ApiKeys, [Stub.Staging, "0123456789abcdef01234567", Stub.Production], 3).ToListAsync();

        Assert.Equal([Stub.Staging, "0123456789abcdef01234567", Stub.Production], parts.Select(p => p.ProjectId).Distinct());
        var failure = Assert.Single(parts, p => p.Error is not null);
        Assert.Equal("GROUP_NOT_FOUND", Assert.IsType<AtlasApiKeys.Core.Errors.AtlasApiException>(failure.Error).ErrorCode);
        Assert.All(parts.Where(p => p.Page is not null).GroupBy(p => p.ProjectId), g => Assert.Equal([true], g.Select(p => p.IsFirstPage).Take(1)));
    }
}
