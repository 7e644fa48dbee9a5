//! `getCustomer` (`GET /v1/programs/{programId}/customers/{email}`): its arguments and
//! every field of `Customer`, `CustomerUserData` and `CustomerLoyaltyData`.

use jeri_client::requests::GetCustomerRequest;
use jeri_client::runtime::BoxFuture;
use jeri_client::types::{Customer, CustomerLoyaltyData, CustomerOrigin, CustomerUserData};
use jeri_client::{CallOptions, Client, Error};

async fn _get_customer(client: &Client) -> Result<(), Error> {
    let program_id: &str = "my-program";
    let email: &str = "ana@example.com";
    let options: CallOptions = CallOptions::new();
    let request: GetCustomerRequest = client.get_customer(program_id, email).options(options);
    let customer: Customer = request.await?;

    let _balance: i64 = customer
        .loyalty_data
        .as_ref()
        .map(|l| l.balance)
        .unwrap_or(0);
    let _id: jeri_client::runtime::uuid::Uuid = customer.id;
    let _program_id: jeri_client::runtime::uuid::Uuid = customer.program_id;
    let _email: String = customer.email;
    let _origin: &str = match customer.origin {
        CustomerOrigin::Api => "API",
        CustomerOrigin::Shopify => "SHOPIFY",
        CustomerOrigin::Jericommerce => "JERICOMMERCE",
        CustomerOrigin::InitialSync => "INITIAL_SYNC",
        CustomerOrigin::Unknown => "UNKNOWN",
        CustomerOrigin::Unknown_(_) => "unlisted",
    };
    let _referral: jeri_client::Nullable<String> = customer.referral;
    let _utm_campaign: jeri_client::Nullable<String> = customer.utm_campaign;
    let _utm_source: jeri_client::Nullable<String> = customer.utm_source;
    let _utm_medium: jeri_client::Nullable<String> = customer.utm_medium;
    let _balance_notifications: bool = customer.balance_notifications;
    let _tier_notifications: bool = customer.tier_notifications;
    let _reward_available_notifications: bool = customer.reward_available_notifications;
    let _location_notifications: bool = customer.location_notifications;
    let _marketing_notifications: bool = customer.marketing_notifications;
    let _referral_earned: bool = customer.referral_earned;
    let _created_at: jeri_client::runtime::chrono::DateTime<jeri_client::runtime::chrono::Utc> = customer.created_at;
    let _updated_at: jeri_client::runtime::chrono::DateTime<jeri_client::runtime::chrono::Utc> = customer.updated_at;

    let user_data: Option<CustomerUserData> = customer.user_data;
    if let Some(user) = user_data {
        let _id: jeri_client::runtime::uuid::Uuid = user.id;
        let _customer_id: jeri_client::runtime::uuid::Uuid = user.customer_id;
        let _external_customer_id: jeri_client::Nullable<String> = user.external_customer_id;
        let _first_name: jeri_client::Nullable<String> = user.first_name;
        let _last_name: jeri_client::Nullable<String> = user.last_name;
        let _phone: jeri_client::Nullable<String> = user.phone;
        let _email_verified: Option<bool> = user.email_verified;
        let _created_at: Option<jeri_client::runtime::chrono::DateTime<jeri_client::runtime::chrono::Utc>> = user.created_at;
        let _updated_at: Option<jeri_client::runtime::chrono::DateTime<jeri_client::runtime::chrono::Utc>> = user.updated_at;
    }

    let loyalty_data: Option<CustomerLoyaltyData> = customer.loyalty_data;
    if let Some(loyalty) = loyalty_data {
        let _id: jeri_client::runtime::uuid::Uuid = loyalty.id;
        let _customer_id: jeri_client::runtime::uuid::Uuid = loyalty.customer_id;
        let _loyalty_customer_id: jeri_client::Nullable<String> = loyalty.loyalty_customer_id;
        let _balance: i64 = loyalty.balance;
        let _member_since: jeri_client::Nullable<jeri_client::runtime::chrono::DateTime<jeri_client::runtime::chrono::Utc>> = loyalty.member_since;
        let _tier_status: jeri_client::Nullable<String> = loyalty.tier_status;
        let _referral_link: jeri_client::Nullable<String> = loyalty.referral_link;
    }
    Ok(())
}

fn _spawnable(request: GetCustomerRequest) -> BoxFuture<Result<Customer, Error>> {
    request.into_future()
}

fn main() {}
