namespace ClinicalImages.UnitTests.Images;

/// <summary>Walks a JPEG's segment headers up to the start of scan.</summary>
internal static class JpegSegments
{
    public static List<byte> Markers(byte[] jpeg)
    {
        Assert.True(jpeg is [0xFF, 0xD8, ..], "not a JPEG");
        var markers = new List<byte>();
        var offset = 2;
        while (offset + 4 <= jpeg.Length && jpeg[offset] == 0xFF)
        {
            var marker = jpeg[offset + 1];
            markers.Add(marker);
            if (marker == 0xDA)
            {
                break;
            }
            offset += 2 + ((jpeg[offset + 2] << 8) | jpeg[offset + 3]);
        }
        return markers;
    }
}
