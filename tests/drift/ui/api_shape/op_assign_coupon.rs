//! `assignCoupon` (`POST /v1/programs/{programId}/coupons/{couponId}/assign`): every field
//! of `CouponAssignmentRequest` and of `CouponAssignment`.

use jeri_client::requests::AssignCouponRequest;
use jeri_client::runtime::BoxFuture;
use jeri_client::types::{CouponAssignment, CouponAssignmentRequest};
use jeri_client::{CallOptions, Client, Error};

async fn _assign_coupon(client: &Client) -> Result<(), Error> {
    let program_id: &str = "my-program";
    let coupon_id: &str = "coupon-uuid";
    let body = CouponAssignmentRequest {
        email: String::from("ana@example.com"),
    };
    let options: CallOptions = CallOptions::new();
    let request: AssignCouponRequest = client
        .assign_coupon(program_id, coupon_id, body)
        .options(options);
    let assignment: CouponAssignment = request.await?;

    let _coupon_id: jeri_client::runtime::uuid::Uuid = assignment.coupon_id;
    let _email: String = assignment.email;
    let _code: String = assignment.code;
    let _assigned_at: jeri_client::runtime::chrono::DateTime<jeri_client::runtime::chrono::Utc> = assignment.assigned_at;
    Ok(())
}

fn _spawnable(request: AssignCouponRequest) -> BoxFuture<Result<CouponAssignment, Error>> {
    request.into_future()
}

fn main() {}
