using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.UnitTests.Images;

public sealed class PooledBufferTests
{
    [Fact]
    public async Task ReadAsync_WhenStreamIsLongerThanExpected_GrowsAndKeepsEveryByteInOrder()
    {
        var content = new byte[3_000_000];
        new Random(7).NextBytes(content);
        await using var network = new TrickleStream(content, chunk: 70_000);

        using var buffer = await PooledBuffer.ReadAsync(network, expectedLength: 64 * 1024, maxBytes: 5_000_000, () => new InvalidOperationException("too large"), CancellationToken.None);

        Assert.Equal(content.Length, buffer.Length);
        Assert.True(buffer.Span.SequenceEqual(content), "the bytes read differ from the stream's");
        Assert.Equal(content.Length, buffer.Memory.Length);
    }

    [Fact]
    public async Task ReadAsync_WhenMoreThanTheLimitArrives_ThrowsTheCallersExceptionHavingReadOneByteOver()
    {
        await using var network = new TrickleStream(new byte[1_000_000], chunk: 256 * 1024);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PooledBuffer.ReadAsync(network, expectedLength: 0, maxBytes: 100_000, () => new InvalidOperationException("too large"), CancellationToken.None));

        Assert.Equal("too large", ex.Message);
        Assert.Equal(100_001, network.BytesRead);
    }

    [Fact]
    public async Task Dispose_ReturnsTheArray_AndTheBytesCannotBeReadAfterwards()
    {
        await using var stream = new MemoryStream([1, 2, 3]);
        var buffer = await PooledBuffer.ReadAsync(stream, stream.Length, 10, () => new InvalidOperationException(), CancellationToken.None);
        Assert.Equal([1, 2, 3], buffer.Span.ToArray());

        buffer.Dispose();
        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => buffer.Memory);
    }

    /// <summary>A network stream: no length, and at most <c>chunk</c> bytes per read.</summary>
    private sealed class TrickleStream(byte[] content, int chunk) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = Read(buffer.Span[..Math.Min(buffer.Length, chunk)]);
            BytesRead += read;
            return ValueTask.FromResult(read);
        }
    }
}
