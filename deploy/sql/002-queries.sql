-- The statements the Orleans ADO.NET providers run, one row per query key (each provider checks at
-- start-up that all of its keys are present). Upserted, so running the migration again updates them.
-- Parameters are the @Names each provider binds; result columns carry the names each provider reads
-- (Npgsql matches column names case-insensitively). Membership writes bump the cluster's version row
-- in the same statement: a writer holding a stale version changes nothing and gets false.

INSERT INTO orleans.orleansquery (querykey, querytext) VALUES

-- ---------------------------------------------------------------- clustering (silos and clients)
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans.orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted);
$q$),

('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans.orleansmembershipversiontable
    SET version = version + 1, "timestamp" = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
    RETURNING deploymentid),
inserted AS (
    INSERT INTO orleans.orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT ON CONSTRAINT pk_orleansmembershiptable DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted);
$q$),

('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans.orleansmembershipversiontable
    SET version = version + 1, "timestamp" = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
    RETURNING deploymentid),
updated AS (
    UPDATE orleans.orleansmembershiptable AS m
    SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
    FROM bumped
    WHERE m.deploymentid = bumped.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM updated);
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans.orleansmembershiptable
SET iamalivetime = @IAmAliveTime
WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),

-- The version row comes back even when the silo has no row yet (LEFT JOIN): Orleans reads the table
-- version from the first row and the entry only where StartTime is present.
('MembershipReadRowKey', $q$
SELECT v.version AS Version,
       m.address AS Address, m.port AS Port, m.generation AS Generation, m.siloname AS SiloName,
       m.hostname AS HostName, m.status AS Status, m.proxyport AS ProxyPort, m.suspecttimes AS SuspectTimes,
       m.starttime AS StartTime, m.iamalivetime AS IAmAliveTime
FROM orleans.orleansmembershipversiontable AS v
LEFT JOIN orleans.orleansmembershiptable AS m
    ON m.deploymentid = v.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
SELECT v.version AS Version,
       m.address AS Address, m.port AS Port, m.generation AS Generation, m.siloname AS SiloName,
       m.hostname AS HostName, m.status AS Status, m.proxyport AS ProxyPort, m.suspecttimes AS SuspectTimes,
       m.starttime AS StartTime, m.iamalivetime AS IAmAliveTime
FROM orleans.orleansmembershipversiontable AS v
LEFT JOIN orleans.orleansmembershiptable AS m ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId;
$q$),

-- Removes the cluster's version row; its silo rows go with it (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans.orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
$q$),

-- Rows of silos that stopped heart-beating before @IAmAliveTime, unless still marked Active (3).
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans.orleansmembershiptable
WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status <> 3;
$q$),

-- One dead row (Status 6) whose heartbeat and start time are still the ones the caller read, so a
-- row that changed since is left alone. Optional for Orleans; preferred over the bulk delete above.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans.orleansmembershiptable
WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6 AND starttime = @StartTime AND iamalivetime = @IAmAliveTime;
$q$),

-- What clients connect to: active silos (Status = @Status, Active) that listen as gateways.
('GatewaysQueryKey', $q$
SELECT address AS Address, proxyport AS ProxyPort, generation AS Generation
FROM orleans.orleansmembershiptable
WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;
$q$),

-- ---------------------------------------------------------------- reminders
('UpsertReminderRowKey', $q$
INSERT INTO orleans.orleansreminderstable AS r (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT ON CONSTRAINT pk_orleansreminderstable DO UPDATE
SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash, version = r.version + 1
RETURNING r.version AS Version;
$q$),

('ReadReminderRowsKey', $q$
SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
FROM orleans.orleansreminderstable
WHERE serviceid = @ServiceId AND grainid = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
FROM orleans.orleansreminderstable
WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;
$q$),

-- A ring range that does not wrap: (BeginHash, EndHash].
('ReadRangeRows1Key', $q$
SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
FROM orleans.orleansreminderstable
WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash;
$q$),

-- A ring range that wraps around: above BeginHash or up to EndHash.
('ReadRangeRows2Key', $q$
SELECT grainid AS GrainId, remindername AS ReminderName, starttime AS StartTime, period AS Period, version AS Version
FROM orleans.orleansreminderstable
WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans.orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM deleted);
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans.orleansreminderstable WHERE serviceid = @ServiceId;
$q$),

-- ---------------------------------------------------------------- grain persistence
-- The key of a row: the grain (hash, n0, n1, string extension), the state name and the service.
('ReadFromStorageKey', $q$
SELECT payloadbinary AS PayloadBinary, version AS Version
FROM orleans.orleansstorage
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
  AND coalesce(grainidextensionstring, '') = coalesce(@GrainIdExtensionString, '');
$q$),

-- First write (no version yet) inserts version 1; later writes must name the version they read and
-- get it plus one. Anything else returns no row, which Orleans reports as an InconsistentStateException
-- (another activation wrote in between).
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans.orleansstorage
    SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL
      AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND coalesce(grainidextensionstring, '') = coalesce(@GrainIdExtensionString, '')
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version),
inserted AS (
    INSERT INTO orleans.orleansstorage
        (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT version FROM inserted;
$q$),

('ClearStorageKey', $q$
UPDATE orleans.orleansstorage
SET payloadbinary = NULL, modifiedon = now(), version = version + 1
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
  AND coalesce(grainidextensionstring, '') = coalesce(@GrainIdExtensionString, '')
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version;
$q$),

-- Used instead of ClearStorageKey when DeleteStateOnClear is set: returns the deleted version plus one.
('DeleteStorageKey', $q$
DELETE FROM orleans.orleansstorage
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
  AND coalesce(grainidextensionstring, '') = coalesce(@GrainIdExtensionString, '')
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version + 1;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
