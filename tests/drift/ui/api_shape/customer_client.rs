//! `CustomerClient`, made by `Client::as_customer` from an `auth` token: the operations a
//! customer token may call, with the same arguments and results as on `Client`.

use jeri_client::links::AuthToken;
use jeri_client::requests::{ExecuteCustomEarningFlowRequest, RedeemRewardRequest};
use jeri_client::runtime::Transport;
use jeri_client::types::{
    CustomerToken, EarningFlowExecution, EarningFlowExecutionRequest, RewardRedemption,
    RewardRedemptionRequest, TokenType,
};
use jeri_client::{CallOptions, Client, CustomerClient, Error};

async fn _as_customer(client: &Client) -> Result<(), Error> {
    let program_id: &str = "my-program";
    let email: &str = "ana@example.com";
    let token: CustomerToken = client
        .get_customer_token(program_id, email, TokenType::Auth)
        .await?;
    let _raw: String = token.access_token;
    let auth: AuthToken = client.customer_auth_token(program_id, email).await?;
    let customer: CustomerClient = client.as_customer(auth);

    let reward_id: &str = "reward-uuid";
    let redemption_body = RewardRedemptionRequest {
        customer_email: None,
    };
    let redeem: RedeemRewardRequest = customer
        .redeem_reward(program_id, reward_id, redemption_body)
        .options(CallOptions::new());
    let _redemption: RewardRedemption = redeem.await?;

    let earning_flow_id: &str = "flow-uuid";
    let flow_body = EarningFlowExecutionRequest {
        customer_email: None,
    };
    let execute: ExecuteCustomEarningFlowRequest = customer
        .execute_custom_earning_flow(program_id, earning_flow_id, flow_body)
        .options(CallOptions::new());
    let _execution: EarningFlowExecution = execute.await?;
    Ok(())
}

fn _from_link_token(client: &Client, token: &AuthToken) -> CustomerClient {
    client.as_customer(token.clone())
}

fn _plumbing(customer: &CustomerClient) -> CustomerClient {
    let transport: &Transport = customer.transport();
    let _rebuilt: CustomerClient = CustomerClient::from_transport(transport.clone());
    customer.clone()
}

fn main() {}
