//! `redeemReward` (`POST /v1/programs/{programId}/rewards/{rewardId}/redeem`): its
//! arguments, every field of `RewardRedemptionRequest` and of `RewardRedemption`.

use jeri_client::requests::RedeemRewardRequest;
use jeri_client::runtime::BoxFuture;
use jeri_client::types::{RewardRedemption, RewardRedemptionRequest};
use jeri_client::{CallOptions, Client, Error};

async fn _redeem_reward(client: &Client) -> Result<(), Error> {
    let program_id: &str = "my-program";
    let reward_id: &str = "reward-uuid";
    let body = RewardRedemptionRequest {
        customer_email: Some(String::from("ana@example.com")),
    };
    let options: CallOptions = CallOptions::new().retry_non_idempotent(false);
    let request: RedeemRewardRequest = client
        .redeem_reward(program_id, reward_id, body)
        .options(options);
    let redemption: RewardRedemption = request.await?;

    let _redemption_id: jeri_client::runtime::uuid::Uuid = redemption.redemption_id;
    let _reward_id: jeri_client::runtime::uuid::Uuid = redemption.reward_id;
    let _customer_email: String = redemption.customer_email;
    let _points_spent: i64 = redemption.points_spent;
    let _balance: i64 = redemption.balance;
    let _discount_code: jeri_client::Nullable<String> = redemption.discount_code;
    let _redeemed_at: jeri_client::runtime::chrono::DateTime<jeri_client::runtime::chrono::Utc> = redemption.redeemed_at;
    Ok(())
}

fn _spawnable(request: RedeemRewardRequest) -> BoxFuture<Result<RewardRedemption, Error>> {
    request.into_future()
}

fn main() {}
