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
    let _id: String = customer.id;
    let _program_id: String = customer.program_id;
    let _email: String = customer.email;
    let _origin: &str = match customer.origin {
        CustomerOrigin::Api => "API",
        CustomerOrigin::Shopify => "SHOPIFY",
        CustomerOrigin::Jericommerce => "JERICOMMERCE",
        CustomerOrigin::InitialSync => "INITIAL_SYNC",
        CustomerOrigin::Unknown => "UNKNOWN",
        CustomerOrigin::Unknown_(_) => "unlisted",
    };
    let _referral: Option<String> = customer.referral;
    let _utm_campaign: Option<String> = customer.utm_campaign;
    let _utm_source: Option<String> = customer.utm_source;
    let _utm_medium: Option<String> = customer.utm_medium;
    let _balance_notifications: bool = customer.balance_notifications;
    let _tier_notifications: bool = customer.tier_notifications;
    let _reward_available_notifications: bool = customer.reward_available_notifications;
    let _location_notifications: bool = customer.location_notifications;
    let _marketing_notifications: bool = customer.marketing_notifications;
    let _referral_earned: bool = customer.referral_earned;
    let _created_at: String = customer.created_at;
    let _updated_at: String = customer.updated_at;

    let user_data: Option<CustomerUserData> = customer.user_data;
    if let Some(user) = user_data {
        let _id: String = user.id;
        let _customer_id: String = user.customer_id;
        let _external_customer_id: Option<String> = user.external_customer_id;
        let _first_name: Option<String> = user.first_name;
        let _last_name: Option<String> = user.last_name;
        let _phone: Option<String> = user.phone;
        let _email_verified: Option<bool> = user.email_verified;
        let _created_at: Option<String> = user.created_at;
        let _updated_at: Option<String> = user.updated_at;
    }

    let loyalty_data: Option<CustomerLoyaltyData> = customer.loyalty_data;
    if let Some(loyalty) = loyalty_data {
        let _id: String = loyalty.id;
        let _customer_id: String = loyalty.customer_id;
        let _loyalty_customer_id: Option<String> = loyalty.loyalty_customer_id;
        let _balance: i64 = loyalty.balance;
        let _member_since: Option<String> = loyalty.member_since;
        let _tier_status: Option<String> = loyalty.tier_status;
        let _referral_link: Option<String> = loyalty.referral_link;
    }
    Ok(())
}

fn _spawnable(request: GetCustomerRequest) -> BoxFuture<Result<Customer, Error>> {
    request.into_future()
}

fn main() {}
