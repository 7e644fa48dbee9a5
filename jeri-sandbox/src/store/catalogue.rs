//! What every program offers out of the box: rewards, coupons and custom earning flows.

use crate::ids;

/// A reward customers can redeem with points.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reward {
    /// UUID, what responses carry.
    pub(crate) id: String,
    /// Readable id, accepted in paths as well as the UUID.
    pub(crate) slug: &'static str,
    /// Points deducted per redemption.
    pub(crate) cost: i64,
    /// Prefix of the discount code created per redemption; `None`: no linked discount.
    pub(crate) discount_prefix: Option<&'static str>,
    /// How often one customer may redeem it; `None`: no limit.
    pub(crate) max_per_customer: Option<u32>,
}

/// A coupon the merchant can assign to customers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Coupon {
    /// UUID, what responses carry.
    pub(crate) id: String,
    /// Readable id, accepted in paths as well as the UUID.
    pub(crate) slug: &'static str,
    /// Prefix of the codes handed out.
    pub(crate) code_prefix: &'static str,
}

/// How often a customer may run an earning flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Recurrence {
    /// One run ever.
    Once,
    /// `limit` runs per UTC day.
    Daily,
    /// `limit` runs per Monday-based UTC week.
    Weekly,
    /// `limit` runs per UTC calendar month.
    Monthly,
    /// No limit.
    Unlimited,
}

impl Recurrence {
    /// The value on the wire.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Recurrence::Once => "once",
            Recurrence::Daily => "daily",
            Recurrence::Weekly => "weekly",
            Recurrence::Monthly => "monthly",
            Recurrence::Unlimited => "unlimited",
        }
    }
}

/// A custom earning flow.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EarningFlow {
    /// UUID, accepted in paths.
    pub(crate) id: String,
    /// Engagement flow type name (`CUSTOM_1`), accepted in paths as well.
    pub(crate) kind: &'static str,
    /// Points awarded per run.
    pub(crate) points: i64,
    /// How the limit is counted.
    pub(crate) recurrence: Recurrence,
    /// Runs allowed per period (ignored for [`Recurrence::Unlimited`]).
    pub(crate) limit: u32,
}

/// `(slug, cost, discount prefix, max per customer)` of the seeded rewards.
const REWARDS: &[(&str, i64, Option<&str>, Option<u32>)] = &[
    ("welcome-drink", 100, None, None),
    ("free-shipping", 250, Some("SHIP"), None),
    ("birthday-gift", 0, Some("GIFT"), Some(1)),
];

/// `(slug, code prefix)` of the seeded coupons.
const COUPONS: &[(&str, &str)] = &[("welcome-10", "WELCOME10"), ("summer-sale", "SUMMER")];

/// `(type name, points, recurrence, limit)` of the seeded earning flows.
const FLOWS: &[(&str, i64, Recurrence, u32)] = &[
    ("CUSTOM_1", 50, Recurrence::Once, 1),
    ("CUSTOM_2", 10, Recurrence::Daily, 1),
    ("CUSTOM_3", 20, Recurrence::Weekly, 2),
    ("CUSTOM_4", 100, Recurrence::Monthly, 1),
    ("CUSTOM_5", 5, Recurrence::Unlimited, 0),
];

/// The catalogue of one program.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Catalogue {
    /// Rewards.
    pub(crate) rewards: Vec<Reward>,
    /// Coupons.
    pub(crate) coupons: Vec<Coupon>,
    /// Custom earning flows.
    pub(crate) flows: Vec<EarningFlow>,
}

impl Catalogue {
    /// The seeded catalogue, with fresh UUIDs.
    pub(crate) fn seeded() -> Self {
        Catalogue {
            rewards: REWARDS
                .iter()
                .map(|&(slug, cost, discount_prefix, max_per_customer)| Reward {
                    id: ids::uuid(),
                    slug,
                    cost,
                    discount_prefix,
                    max_per_customer,
                })
                .collect(),
            coupons: COUPONS
                .iter()
                .map(|&(slug, code_prefix)| Coupon {
                    id: ids::uuid(),
                    slug,
                    code_prefix,
                })
                .collect(),
            flows: FLOWS
                .iter()
                .map(|&(kind, points, recurrence, limit)| EarningFlow {
                    id: ids::uuid(),
                    kind,
                    points,
                    recurrence,
                    limit,
                })
                .collect(),
        }
    }

    /// The reward with this UUID or slug.
    pub(crate) fn reward(&self, key: &str) -> Option<&Reward> {
        self.rewards
            .iter()
            .find(|reward| reward.id == key || reward.slug == key)
    }

    /// The coupon with this UUID or slug.
    pub(crate) fn coupon(&self, key: &str) -> Option<&Coupon> {
        self.coupons
            .iter()
            .find(|coupon| coupon.id == key || coupon.slug == key)
    }

    /// The earning flow with this UUID or type name.
    pub(crate) fn flow(&self, key: &str) -> Option<&EarningFlow> {
        self.flows
            .iter()
            .find(|flow| flow.id == key || flow.kind == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_found_by_uuid_or_readable_id() {
        let catalogue = Catalogue::seeded();
        let drink = catalogue.reward("welcome-drink").cloned();
        assert_eq!(drink.as_ref().map(|r| r.cost), Some(100));
        let by_uuid = drink.and_then(|r| catalogue.reward(&r.id).cloned());
        assert_eq!(by_uuid.map(|r| r.slug), Some("welcome-drink"));
        assert!(catalogue.coupon("welcome-10").is_some());
        assert!(catalogue.flow("CUSTOM_1").is_some());
        assert!(catalogue.reward("nope").is_none());
    }
}
