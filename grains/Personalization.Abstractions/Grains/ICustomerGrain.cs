using Personalization.Customers;

namespace Personalization.Grains;

/// <summary>One known customer (keyed by <c>userId</c>): CRM profile and long-term behaviour.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    Task UpsertProfile(CustomerProfile profile);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<ShopperSnapshot> GetSnapshot();

    [Orleans.Concurrency.AlwaysInterleave]
    Task<CustomerView> GetView();
}
