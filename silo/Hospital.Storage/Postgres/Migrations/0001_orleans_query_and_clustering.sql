-- 0001 - Orleans query registry + cluster membership (Microsoft.Orleans.Clustering.AdoNet 10.4.2, invariant "Npgsql").
--
-- Orleans' ADO.NET providers ship no SQL: at start-up each provider loads every row of OrleansQuery and runs the
-- statement stored under a fixed key with named parameters (@DeploymentId, @Address, ...). This script creates that
-- registry, the two membership tables, and the ten clustering statements (nine mandatory, plus the optional
-- CleanupDefunctSiloEntryKey, which 10.4.2 prefers for pruning dead silos). The client's gateway list provider
-- reads the same keys, so clients need this script as well.
--
-- Safe to re-run: tables use IF NOT EXISTS, functions CREATE OR REPLACE, and query rows are upserted only when their
-- text differs. No transaction control here; the migration runner supplies the transaction.
-- Dollar quotes are plain $$ on purpose: DbUp substitutes $name$ tokens as variables.
-- All times are timestamptz: Orleans passes UTC DateTime values (DbType.DateTime, which Npgsql maps to timestamptz),
-- so nothing depends on the server's or session's TimeZone setting.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (QueryKey)
);

-- One row per cluster (Orleans calls the ClusterId "DeploymentId" here). Version is the membership table's etag:
-- every successful insert/update of a silo row must present the current value and increments it.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation; a restarted silo gets a new Generation and therefore a new row.
-- Status is Orleans' SiloStatus as an integer (3 = Active, 6 = Dead).
-- SuspectTimes is Orleans' own "silo,time|silo,time" text of suspicion votes.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NOT NULL DEFAULT 0,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Adds a silo row, but only while the caller's view of the table version is current. The version row is locked
-- first, so concurrent writers of one cluster queue up behind each other. Nothing is written (and FALSE returned) if
-- the version moved on or the silo row already exists; on success the version is bumped and TRUE returned.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_silo_name      text,
    p_host_name      text,
    p_status         integer,
    p_proxy_port     integer,
    p_start_time     timestamptz,
    p_i_am_alive     timestamptz,
    p_version        integer)
RETURNS boolean
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable
    WHERE DeploymentId = p_deployment_id
      AND Version = p_version
      AND Version < 2147483647
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN FALSE;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
         COALESCE(p_proxy_port, 0), p_start_time, p_i_am_alive)
    ON CONFLICT ON CONSTRAINT pk_orleansmembershiptable DO NOTHING;
    IF NOT FOUND THEN
        RETURN FALSE;
    END IF;

    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = p_deployment_id;
    RETURN TRUE;
END;
$$;

-- Changes a silo row's status / suspicion votes under the same optimistic version rule as the insert.
-- IAmAliveTime never moves backwards: a concurrent heartbeat may already have written a later time.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_status         integer,
    p_suspect_times  text,
    p_i_am_alive     timestamptz,
    p_version        integer)
RETURNS boolean
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable
    WHERE DeploymentId = p_deployment_id
      AND Version = p_version
      AND Version < 2147483647
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN FALSE;
    END IF;

    UPDATE OrleansMembershipTable
    SET Status       = p_status,
        SuspectTimes = p_suspect_times,
        IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive)
    WHERE DeploymentId = p_deployment_id
      AND Address = p_address
      AND Port = p_port
      AND Generation = p_generation;
    IF NOT FOUND THEN
        RETURN FALSE;
    END IF;

    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = p_deployment_id;
    RETURN TRUE;
END;
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES

-- Creates the cluster's version row if missing. One row, one boolean column: TRUE when this call created it.
('InsertMembershipVersionKey', $$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS Created;
$$),

-- One row, one boolean column.
('InsertMembershipKey', $$
SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS Succeeded;
$$),

-- One row, one boolean column.
('UpdateMembershipKey', $$
SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version) AS Succeeded;
$$),

-- Heartbeat; no result is read. Deliberately does not touch the table version.
('UpdateIAmAlivetimeKey', $$
UPDATE OrleansMembershipTable
SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation;
$$),

-- Always returns the version row (outer join), plus the silo's columns when that silo has a row.
('MembershipReadRowKey', $$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address
      AND m.Port = @Port
      AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
$$),

-- Every silo row of the cluster, each carrying the table version; one all-NULL silo row if there are none.
('MembershipReadAllKey', $$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
       ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
$$),

-- Client gateway list: silos whose Status equals @Status (Orleans passes 3 = Active) and that accept clients.
('GatewaysQueryKey', $$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = @Status
  AND ProxyPort > 0;
$$),

-- Removes a whole cluster (silo rows first, then its version row).
('DeleteMembershipTableEntriesKey', $$
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$$),

-- Bulk pruning (used by 10.4.2 only when CleanupDefunctSiloEntryKey is absent): Dead rows that started and last
-- heart-beat before the cutoff (@IAmAliveTime) and carry no suspicion votes.
('CleanupDefunctSiloEntriesKey', $$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = 6
  AND IAmAliveTime < @IAmAliveTime
  AND StartTime < @IAmAliveTime
  AND COALESCE(SuspectTimes, '') = '';
$$),

-- Per-row pruning: the provider reads the table, picks Dead rows older than the cutoff and deletes each one only if
-- it still holds exactly the values it read (so a row changed in between is left alone).
('CleanupDefunctSiloEntryKey', $$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation
  AND Status = 6
  AND StartTime = @StartTime
  AND IAmAliveTime = @IAmAliveTime
  AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$$)

ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
