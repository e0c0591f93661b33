using Hl7.Fhir.Model;

namespace ClinicalImages.Gateway.Filing;

/// <summary>
/// Reads a reconcile search's results one by one: finds our identifier, counts results without identifiers, and tells
/// when the results have gone past the look-back window. That is trusted only when the results really come newest
/// first: the sort was asked for and taken, and the dates seen so far have fallen and never risen.
/// </summary>
internal sealed class ResultScan(DateTimeOffset notBefore, bool newestFirstAsked)
{
    private DateTimeOffset? _previous;
    private bool _fell;
    private bool _rose;

    public int WithIdentifier { get; private set; }

    public int WithoutIdentifier { get; private set; }

    /// <summary>A result older than the window was read while the order is known to be newest first: nothing further can be ours.</summary>
    public bool PastWindow { get; private set; }

    /// <summary>The resource id when this result is our filing, else null.</summary>
    public string? Read(Resource? resource, string type, string identifierSystem, string imageId)
    {
        var (identifiers, date) = resource switch
        {
            DocumentReference d when type == "DocumentReference" => (d.Identifier, d.Date ?? d.Meta?.LastUpdated),
            Media m when type == "Media" => (m.Identifier, (m.Created as FhirDateTime)?.TryToDateTimeOffset(out var created) == true ? created : m.Meta?.LastUpdated),
            _ => (null, null),
        };
        if (identifiers is null)
        {
            return null; // an OperationOutcome entry, or something that is not a filing
        }

        if (identifiers.Count == 0)
        {
            WithoutIdentifier++;
        }
        else
        {
            WithIdentifier++;
            if (resource!.Id is { } id && identifiers.Any(i => i.System == identifierSystem && i.Value == imageId))
            {
                return id;
            }
        }

        Track(date);
        return null;
    }

    private void Track(DateTimeOffset? date)
    {
        if (date is not { } moment)
        {
            return;
        }

        if (_previous is { } previous)
        {
            _fell |= moment < previous;
            _rose |= moment > previous;
        }

        _previous = moment;
        PastWindow = newestFirstAsked && _fell && !_rose && moment < notBefore;
    }
}
