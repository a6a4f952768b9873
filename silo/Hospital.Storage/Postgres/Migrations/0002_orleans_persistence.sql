-- 0002 - Orleans grain state (Microsoft.Orleans.Persistence.AdoNet 10.4.2, invariant "Npgsql").
--
-- AdoNetGrainStorage loads WriteToStorageKey, ReadFromStorageKey and ClearStorageKey (mandatory) and
-- DeleteStorageKey (only needed when the provider option DeleteStateOnClear = true) from OrleansQuery.
--
-- 10.4.2 writes and reads a single payload column, PayloadBinary: whatever the configured IGrainStorageSerializer
-- produces (our System.Text.Json serializer -> UTF-8 JSON bytes). The older PayloadJson / PayloadXml columns are no
-- longer passed by the provider, so this table does not have them; inspect a state with
-- convert_from(PayloadBinary, 'UTF8')::jsonb.
--
-- Version is the grain state's etag. A write must present the version it read (NULL = "I have never seen a row"),
-- otherwise the statement reports no new version and Orleans raises InconsistentStateException. Clearing keeps the
-- row with a NULL payload and a bumped version, so a stale writer can never resurrect old state.
--
-- Safe to re-run: IF NOT EXISTS / CREATE OR REPLACE / query rows upserted only when their text differs.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (QueryKey)
);

-- A grain is identified by (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString);
-- the two hashes are Orleans-computed and only serve the index.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NULL
);

CREATE INDEX IF NOT EXISTS ix_orleansstorage_hashes ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- Returns the new version on success and NULL when the caller's version is stale (or, for a first write, when a
-- row already exists). First writes are serialised per (grain hash, type hash) with a transaction-scoped advisory
-- lock, so two activations racing to create the same state cannot both insert.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash   integer,
    p_grain_id_n0     bigint,
    p_grain_id_n1     bigint,
    p_grain_type_hash integer,
    p_grain_type      text,
    p_grain_id_ext    text,
    p_service_id      text,
    p_version         integer,
    p_payload         bytea)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    v_new_version integer;
BEGIN
    IF p_version IS NOT NULL THEN
        UPDATE OrleansStorage
        SET PayloadBinary = p_payload,
            ModifiedOn    = now(),
            Version       = Version + 1
        WHERE GrainIdHash = p_grain_id_hash
          AND GrainTypeHash = p_grain_type_hash
          AND GrainIdN0 = p_grain_id_n0
          AND GrainIdN1 = p_grain_id_n1
          AND GrainTypeString = p_grain_type
          AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
          AND ServiceId = p_service_id
          AND Version = p_version
        RETURNING Version INTO v_new_version;
        RETURN v_new_version;
    END IF;

    PERFORM pg_advisory_xact_lock(p_grain_id_hash, p_grain_type_hash);

    IF EXISTS (
        SELECT 1
        FROM OrleansStorage
        WHERE GrainIdHash = p_grain_id_hash
          AND GrainTypeHash = p_grain_type_hash
          AND GrainIdN0 = p_grain_id_n0
          AND GrainIdN1 = p_grain_id_n1
          AND GrainTypeString = p_grain_type
          AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
          AND ServiceId = p_service_id) THEN
        RETURN NULL;
    END IF;

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
         PayloadBinary, ModifiedOn, Version)
    VALUES
        (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type, p_grain_id_ext, p_service_id,
         p_payload, now(), 1);
    RETURN 1;
END;
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES

-- One row, column NewGrainStateVersion (NULL = version conflict).
('WriteToStorageKey', $$
SELECT orleans_storage_write(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion;
$$),

-- Zero or one row: PayloadBinary (NULL after a clear) and Version.
('ReadFromStorageKey', $$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND ServiceId = @ServiceId;
$$),

-- Keeps the row, drops the payload, bumps the version. Zero rows back = version conflict.
('ClearStorageKey', $$
UPDATE OrleansStorage
SET PayloadBinary = NULL,
    ModifiedOn    = now(),
    Version       = Version + 1
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
$$),

-- DeleteStateOnClear = true: removes the row. The provider treats a returned value equal to the caller's etag as a
-- conflict, so success reports the deleted version + 1; zero rows back = version conflict.
('DeleteStorageKey', $$
DELETE FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
$$)

ON CONFLICT (QueryKey) DO UPDATE
    SET QueryText = EXCLUDED.QueryText
    WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
