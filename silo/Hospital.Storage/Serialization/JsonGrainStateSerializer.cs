using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Hospital.Storage.Serialization;

/// <summary>
/// Stores grain state as plain JSON of its properties. No .NET type name is written, so renaming or moving a state
/// class never strands stored data; the reader supplies the type.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, Options);

    public T Deserialize<T>(BinaryData input) =>
        input.ToObjectFromJson<T>(Options) ?? throw new InvalidOperationException($"Stored state for {typeof(T).Name} is null.");
}
