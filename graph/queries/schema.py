"""Constraints and indexes: a (tenant, key) uniqueness constraint per label."""

CREATE_SCHOOL_KEY = (
    "CREATE CONSTRAINT school_key IF NOT EXISTS "
    "FOR (n:School) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_PARTNER_KEY = (
    "CREATE CONSTRAINT partner_key IF NOT EXISTS "
    "FOR (n:Partner) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_MUNICIPALITY_KEY = (
    "CREATE CONSTRAINT municipality_key IF NOT EXISTS "
    "FOR (n:Municipality) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_ZONE_KEY = (
    "CREATE CONSTRAINT zone_key IF NOT EXISTS "
    "FOR (n:Zone) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_FAMILY_KEY = (
    "CREATE CONSTRAINT family_key IF NOT EXISTS "
    "FOR (n:Family) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_ALLIANCE_KEY = (
    "CREATE CONSTRAINT alliance_key IF NOT EXISTS "
    "FOR (n:Alliance) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_CONTRIBUTION_KEY = (
    "CREATE CONSTRAINT contribution_key IF NOT EXISTS "
    "FOR (n:Contribution) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_MEASURE_KEY = (
    "CREATE CONSTRAINT measure_key IF NOT EXISTS "
    "FOR (n:Measure) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_SCHOOL_YEAR_KEY = (
    "CREATE CONSTRAINT school_year_key IF NOT EXISTS "
    "FOR (n:SchoolYear) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_FAMILY_COUNT_KEY = (
    "CREATE CONSTRAINT family_count_key IF NOT EXISTS "
    "FOR (n:FamilyCount) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_STAGE_ASSESSMENT_KEY = (
    "CREATE CONSTRAINT stage_assessment_key IF NOT EXISTS "
    "FOR (n:StageAssessment) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_LOGIC_MODEL_KEY = (
    "CREATE CONSTRAINT logic_model_key IF NOT EXISTS "
    "FOR (n:LogicModel) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_OBJECTIVE_KEY = (
    "CREATE CONSTRAINT objective_key IF NOT EXISTS "
    "FOR (n:Objective) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_OBJECTIVE_VALUE_KEY = (
    "CREATE CONSTRAINT objective_value_key IF NOT EXISTS "
    "FOR (n:ObjectiveValue) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_PLAN_KEY = (
    "CREATE CONSTRAINT plan_key IF NOT EXISTS "
    "FOR (n:Plan) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_PLAN_REVISION_KEY = (
    "CREATE CONSTRAINT plan_revision_key IF NOT EXISTS "
    "FOR (n:PlanRevision) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_PLAN_ACTION_KEY = (
    "CREATE CONSTRAINT plan_action_key IF NOT EXISTS "
    "FOR (n:PlanAction) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_SELF_ASSESSMENT_KEY = (
    "CREATE CONSTRAINT self_assessment_key IF NOT EXISTS "
    "FOR (n:SelfAssessment) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_RUBRIC_RATING_KEY = (
    "CREATE CONSTRAINT rubric_rating_key IF NOT EXISTS "
    "FOR (n:RubricRating) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_BUDGET_LINE_KEY = (
    "CREATE CONSTRAINT budget_line_key IF NOT EXISTS "
    "FOR (n:BudgetLine) REQUIRE (n.tenant, n.key) IS UNIQUE")
CREATE_DATA_VERSION_KEY = (
    "CREATE CONSTRAINT data_version_key IF NOT EXISTS "
    "FOR (n:DataVersion) REQUIRE n.programme IS UNIQUE")

KEY_CONSTRAINTS = (
    CREATE_SCHOOL_KEY, CREATE_PARTNER_KEY, CREATE_MUNICIPALITY_KEY, CREATE_ZONE_KEY,
    CREATE_FAMILY_KEY, CREATE_ALLIANCE_KEY, CREATE_CONTRIBUTION_KEY, CREATE_MEASURE_KEY,
    CREATE_SCHOOL_YEAR_KEY, CREATE_FAMILY_COUNT_KEY, CREATE_STAGE_ASSESSMENT_KEY,
    # plans, objectives and self-assessments
    CREATE_LOGIC_MODEL_KEY, CREATE_OBJECTIVE_KEY, CREATE_OBJECTIVE_VALUE_KEY, CREATE_PLAN_KEY,
    CREATE_PLAN_REVISION_KEY, CREATE_PLAN_ACTION_KEY, CREATE_SELF_ASSESSMENT_KEY,
    CREATE_RUBRIC_RATING_KEY, CREATE_BUDGET_LINE_KEY,
    # one data version per tenant (two first writes at once must not make two)
    CREATE_DATA_VERSION_KEY,
)

LIST_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN *"
