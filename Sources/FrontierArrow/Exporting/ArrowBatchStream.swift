import CArrow
import Foundation
import FrontierBase

/// Batches handed over as Arrow's C stream (`ArrowArrayStream`): the consumer asks for the schema, then pulls
/// batches until one comes back released (the end). One consumer, one thread at a time, as the specification
/// allows; the batches are made by `next` when pulled.
public final class ArrowBatchStream {
    private let fields: [ArrowField]
    private let next: () throws -> ArrowBatch?
    /// The last failure's message as a C string, valid until the next call (the specification's lifetime).
    private var lastError: UnsafeMutablePointer<CChar>?

    private init(fields: [ArrowField], next: @escaping () throws -> ArrowBatch?) {
        self.fields = fields
        self.next = next
    }

    deinit { free(lastError) }

    /// Fills the consumer's `out` with a stream of `fields`-typed batches.
    /// - Parameters:
    ///   - fields: the columns every batch has.
    ///   - next: the next batch, nil at the end; an error it throws is the stream's error (EIO, with its message).
    ///   - out: the consumer's struct; its release callback frees the stream.
    public static func export(fields: [ArrowField], next: @escaping () throws -> ArrowBatch?, to out: UnsafeMutablePointer<ArrowArrayStream>) {
        let stream = ArrowBatchStream(fields: fields, next: next)
        out.pointee = ArrowArrayStream(get_schema: streamSchema, get_next: streamNext, get_last_error: streamLastError,
                                       release: streamRelease, private_data: Unmanaged.passRetained(stream).toOpaque())
    }

    /// Exports batches already made.
    public static func export(fields: [ArrowField], batches: [ArrowBatch], to out: UnsafeMutablePointer<ArrowArrayStream>) {
        var remaining = batches[...]
        export(fields: fields, next: { remaining.popFirst() }, to: out)
    }

    fileprivate func schema(_ out: UnsafeMutablePointer<ArrowSchema>) -> Int32 {
        exportArrowSchema(fields, to: out)
        return 0
    }

    fileprivate func pull(_ out: UnsafeMutablePointer<ArrowArray>) -> Int32 {
        do {
            if let batch = try next() {
                batch.export(to: out)
            } else {
                out.pointee = ArrowArray(length: 0, null_count: 0, offset: 0, n_buffers: 0, n_children: 0, buffers: nil,
                                         children: nil, dictionary: nil, release: nil, private_data: nil)
            }
            return 0
        } catch {
            free(lastError)
            lastError = strdup("\(error)")
            return EIO
        }
    }

    fileprivate var lastErrorMessage: UnsafePointer<CChar>? { lastError.map { UnsafePointer($0) } }

    fileprivate static func from(_ stream: UnsafeMutablePointer<ArrowArrayStream>?) -> ArrowBatchStream? {
        guard let data = stream?.pointee.private_data else { return nil }
        return Unmanaged<ArrowBatchStream>.fromOpaque(data).takeUnretainedValue()
    }
}

private let streamSchema: @convention(c) (UnsafeMutablePointer<ArrowArrayStream>?, UnsafeMutablePointer<ArrowSchema>?) -> Int32 = { stream, out in
    guard let producer = ArrowBatchStream.from(stream), let out else { return EINVAL }
    return producer.schema(out)
}

private let streamNext: @convention(c) (UnsafeMutablePointer<ArrowArrayStream>?, UnsafeMutablePointer<ArrowArray>?) -> Int32 = { stream, out in
    guard let producer = ArrowBatchStream.from(stream), let out else { return EINVAL }
    return producer.pull(out)
}

private let streamLastError: @convention(c) (UnsafeMutablePointer<ArrowArrayStream>?) -> UnsafePointer<CChar>? = { stream in
    ArrowBatchStream.from(stream)?.lastErrorMessage
}

private let streamRelease: @convention(c) (UnsafeMutablePointer<ArrowArrayStream>?) -> Void = { stream in
    guard let stream, let data = stream.pointee.private_data else { return }
    Unmanaged<ArrowBatchStream>.fromOpaque(data).release()
    stream.pointee.release = nil
    stream.pointee.private_data = nil
}
