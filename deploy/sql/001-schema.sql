-- Personalization: the PostgreSQL schema the Orleans ADO.NET providers (clustering, reminders, grain
-- persistence) read and write. Written for this project from the tables, columns and query keys the
-- providers expect (docs/deployment.md); the Orleans packages ship no scripts.
--
-- Everything lives in the dedicated schema "orleans". The providers issue unqualified names, so the
-- connection string carries "Search Path=orleans" (the silo and the client API add it when missing).
-- Every statement is idempotent: `Personalization.Silo migrate` runs all scripts on every call.

CREATE SCHEMA IF NOT EXISTS orleans;

-- The only query Orleans hard-codes is `SELECT QueryKey, QueryText FROM OrleansQuery`; every other
-- statement it runs is a row of this table, read once at start-up (002-queries.sql fills it).
CREATE TABLE IF NOT EXISTS orleans.orleansquery
(
    querykey  varchar(64)   NOT NULL,
    querytext varchar(8000) NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (querykey)
);

-- Membership: one version row per cluster (DeploymentId = ClusterId). Every membership change bumps
-- the version in the same statement, which is how concurrent silos agree (optimistic concurrency).
CREATE TABLE IF NOT EXISTS orleans.orleansmembershipversiontable
(
    deploymentid varchar(150)   NOT NULL,
    "timestamp"  timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (deploymentid)
);

-- One row per silo incarnation (address, port, generation). Timestamps are timestamptz: Npgsql sends
-- the UTC DateTimes Orleans uses as timestamptz and refuses to write them into a plain timestamp.
CREATE TABLE IF NOT EXISTS orleans.orleansmembershiptable
(
    deploymentid varchar(150)   NOT NULL,
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NULL,
    suspecttimes varchar(8000)  NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (deploymentid, address, port, generation),
    -- Deleting a cluster's version row (DeleteMembershipTableEntriesKey) removes its silos too.
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (deploymentid)
        REFERENCES orleans.orleansmembershipversiontable (deploymentid) ON DELETE CASCADE
);

-- Reminders, keyed by service, grain and reminder name; grainhash places a reminder on the ring.
-- grainid is wider than the 150 characters Orleans' own scripts use: generic grain ids overflow that.
CREATE TABLE IF NOT EXISTS orleans.orleansreminderstable
(
    serviceid    varchar(150)   NOT NULL,
    grainid      varchar(512)   NOT NULL,
    remindername varchar(150)   NOT NULL,
    starttime    timestamptz(3) NOT NULL,
    period       bigint         NOT NULL,
    grainhash    integer        NOT NULL,
    version      integer        NOT NULL,
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (serviceid, grainid, remindername)
);
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_hash ON orleans.orleansreminderstable (serviceid, grainhash);

-- Grain state. graintypestring holds the *state name* (customer-profile, product-catalog, ...), so every
-- persisted state has its own name. Unlike Orleans' own script, a unique index makes one row per
-- (service, state name, grain) a guarantee rather than a convention: a racing second insert fails
-- instead of leaving a duplicate that later reads would pick at random.
CREATE TABLE IF NOT EXISTS orleans.orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL DEFAULT now(),
    version                integer      NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain ON orleans.orleansstorage
    (grainidhash, graintypehash, serviceid, grainidn0, grainidn1, graintypestring, coalesce(grainidextensionstring, ''));
