-- 0003 - Orleans reminders (Microsoft.Orleans.Reminders.AdoNet 10.4.2, invariant "Npgsql").
--
-- AdoNetReminderTable loads seven statements from OrleansQuery (all mandatory). Reminders are keyed by
-- (ServiceId, GrainId, ReminderName); GrainId is Orleans' GrainId.ToString() ("type/key") and is parsed back with
-- GrainId.Parse. GrainHash is the grain's uniform hash reinterpreted as a signed int; the silos split the reminder
-- table between them by hash ranges. Period is in milliseconds. Version is the reminder's etag.
--
-- Safe to re-run: IF NOT EXISTS / query rows upserted only when their text differs.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (QueryKey)
);

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150) NOT NULL,
    GrainId      varchar(512) NOT NULL,
    ReminderName varchar(256) NOT NULL,
    StartTime    timestamptz  NOT NULL,
    Period       bigint       NOT NULL,
    GrainHash    integer      NOT NULL,
    Version      integer      NOT NULL,
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_hash ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES

-- Insert (Version 0) or replace (Version + 1). One row, column Version = the new etag.
('UpsertReminderRowKey', $$
INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
    SET StartTime = EXCLUDED.StartTime,
        Period    = EXCLUDED.Period,
        GrainHash = EXCLUDED.GrainHash,
        Version   = r.Version + 1
RETURNING r.Version AS Version;
$$),

-- All reminders of one grain.
('ReadReminderRowsKey', $$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId;
$$),

-- One reminder of one grain (zero or one row).
('ReadReminderRowKey', $$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId
  AND ReminderName = @ReminderName;
$$),

-- Hash range (@BeginHash, @EndHash] that does not wrap (the provider picks this key when BeginHash < EndHash as
-- signed ints).
('ReadRangeRows1Key', $$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainHash > @BeginHash
  AND GrainHash <= @EndHash;
$$),

-- Hash range that wraps around the end of the int range.
('ReadRangeRows2Key', $$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$$),

-- Deletes one reminder if its etag still matches. One row, one boolean column.
('DeleteReminderRowKey', $$
WITH removed AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName
      AND Version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS Deleted;
$$),

-- Deletes every reminder of the service; no result is read.
('DeleteReminderRowsKey', $$
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId;
$$)

ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
