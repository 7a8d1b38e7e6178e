package dev.braintrust.spring.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The largest heap still in use after a garbage collection while it runs: what the
 * pipeline keeps alive (its queue, its batches, its buffers), without the garbage that
 * merely waits for the next collection.
 *
 * @author Braintrust
 */
final class HeapMonitor implements AutoCloseable {

	private final AtomicLong peakAfterGc = new AtomicLong();

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final NotificationListener listener = this::onNotification;

	HeapMonitor() {
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this.listener, null, null);
				this.emitters.add(emitter);
			}
		}
	}

	private void onNotification(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		long used = 0;
		for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
			used += usage.getUsed();
		}
		// after-GC usage also lists non-heap pools (Metaspace, code cache): keep only
		// heap
		used -= nonHeap(info);
		this.peakAfterGc.accumulateAndGet(used, Math::max);
	}

	private static long nonHeap(GarbageCollectionNotificationInfo info) {
		long nonHeap = 0;
		for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
			String pool = entry.getKey();
			if (pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Compressed Class")) {
				nonHeap += entry.getValue().getUsed();
			}
		}
		return nonHeap;
	}

	/** Forget the peak so far, after a collection, for the next phase. */
	void reset() {
		System.gc();
		this.peakAfterGc.set(0);
	}

	double peakMegabytes() {
		return this.peakAfterGc.get() / (1024.0 * 1024.0);
	}

	@Override
	public void close() {
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this.listener);
			}
			catch (ListenerNotFoundException ex) {
				// already gone
			}
		}
	}

}
