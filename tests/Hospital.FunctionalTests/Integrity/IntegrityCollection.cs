namespace Hospital.FunctionalTests.Integrity;

/// <summary>Crash and race tests run alone: their kills and time limits must not share the two cores with other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegrityCollection
{
    public const string Name = "integrity";
}
