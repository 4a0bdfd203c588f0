// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sipc_jni.c - the native methods of org.sipc.Jni: one libsipc call
 * each, a negative result thrown as org.sipc.SipcException(errno, name of
 * the C function).
 *
 * Copies between Java arrays and libsipc go through a malloc'd buffer:
 * the calls may block, and a JNI critical section must not.  Direct
 * ByteBuffers are passed by address, and the region is handed to Java as
 * direct ByteBuffers over the mapping (NewDirectByteBuffer), zero copy.
 * Views of the region stop at INT_MAX bytes, the most a ByteBuffer holds.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <jni.h>
#include <sipc.h>

#include "org_sipc_Errno.h"
#include "org_sipc_Jni.h"
#include "org_sipc_Sipc.h"

/* The Java constants are copies of C ones: a mismatch does not build. */
#define SAME(java, c) _Static_assert(java == (c), #java " != " #c)
SAME(org_sipc_Sipc_ROLE_SENDER, SIPC_ROLE_SENDER);
SAME(org_sipc_Sipc_ROLE_RECEIVER, SIPC_ROLE_RECEIVER);
SAME(org_sipc_Sipc_REVOKE_SENDER, SIPC_REVOKE_SENDER);
SAME(org_sipc_Sipc_REVOKE_RECEIVER, SIPC_REVOKE_RECEIVER);
SAME(org_sipc_Sipc_NAME_MAX, SIPC_NAME_MAX);
SAME(org_sipc_Sipc_QUEUE_DEPTH_MAX, SIPC_QUEUE_DEPTH_MAX);
SAME(org_sipc_Sipc_SLOTS_MAX, SIPC_SLOTS_MAX);
SAME(org_sipc_Sipc_DEFAULT_SIZE, SIPC_DEFAULT_SIZE);
SAME(org_sipc_Sipc_STATE_SENDER, SIPC_STATE_SENDER);
SAME(org_sipc_Sipc_STATE_RECEIVER, SIPC_STATE_RECEIVER);
SAME(org_sipc_Sipc_STATE_SENDER_HUP, SIPC_STATE_SENDER_HUP);
SAME(org_sipc_Sipc_STATE_DESTROYED, SIPC_STATE_DESTROYED);
SAME(org_sipc_Sipc_STAT_STATE, SIPC_STAT_STATE);
SAME(org_sipc_Sipc_STAT_COUNTERS, SIPC_STAT_COUNTERS);
SAME(org_sipc_Sipc_STAT_CREATE_FLAGS, SIPC_STAT_CREATE_FLAGS);
SAME(org_sipc_Sipc_CREATE_SEALED, SIPC_CREATE_SEALED);
SAME(org_sipc_Errno_ENOENT, ENOENT);
SAME(org_sipc_Errno_EINTR, EINTR);
SAME(org_sipc_Errno_EBADF, EBADF);
SAME(org_sipc_Errno_EAGAIN, EAGAIN);
SAME(org_sipc_Errno_ENOMEM, ENOMEM);
SAME(org_sipc_Errno_EACCES, EACCES);
SAME(org_sipc_Errno_EBUSY, EBUSY);
SAME(org_sipc_Errno_EEXIST, EEXIST);
SAME(org_sipc_Errno_ENODEV, ENODEV);
SAME(org_sipc_Errno_EINVAL, EINVAL);
SAME(org_sipc_Errno_EMFILE, EMFILE);
SAME(org_sipc_Errno_ENOSPC, ENOSPC);
SAME(org_sipc_Errno_EPIPE, EPIPE);
SAME(org_sipc_Errno_ENAMETOOLONG, ENAMETOOLONG);
SAME(org_sipc_Errno_EIDRM, EIDRM);
SAME(org_sipc_Errno_EPROTO, EPROTO);
SAME(org_sipc_Errno_EOVERFLOW, EOVERFLOW);
SAME(org_sipc_Errno_EMSGSIZE, EMSGSIZE);
SAME(org_sipc_Errno_EOPNOTSUPP, EOPNOTSUPP);
SAME(org_sipc_Errno_ETIMEDOUT, ETIMEDOUT);

static jclass exc_class;	/* org.sipc.SipcException, global reference */
static jmethodID exc_init;	/* its (int errno, String function) */

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
	JNIEnv *env;
	jclass c;

	(void)reserved;
	if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK)
		return JNI_ERR;
	c = (*env)->FindClass(env, "org/sipc/SipcException");
	if (!c)
		return JNI_ERR;
	exc_class = (*env)->NewGlobalRef(env, c);
	exc_init = (*env)->GetMethodID(env, c, "<init>", "(ILjava/lang/String;)V");
	if (!exc_class || !exc_init)
		return JNI_ERR;
	return JNI_VERSION_1_8;
}

/* Return r; when it is negative, with a SipcException thrown. */
static int check(JNIEnv *env, int r, const char *fn)
{
	jstring s;
	jobject e;

	if (r >= 0 || (*env)->ExceptionCheck(env))
		return r;
	s = (*env)->NewStringUTF(env, fn);
	if (!s)
		return r;
	e = (*env)->NewObject(env, exc_class, exc_init, (jint)r, s);
	if (e)
		(*env)->Throw(env, (jthrowable)e);
	return r;
}

static void throw_npe(JNIEnv *env, const char *what)
{
	jclass c = (*env)->FindClass(env, "java/lang/NullPointerException");

	if (c)
		(*env)->ThrowNew(env, c, what);
}

/*
 * The C string of a name (modified UTF-8: a NUL char becomes two non-ASCII
 * bytes, which libsipc refuses, so a name is never cut short).  NULL with
 * an exception pending on failure.
 */
static const char *name_get(JNIEnv *env, jstring name)
{
	if (!name) {
		throw_npe(env, "channel name");
		return NULL;
	}
	return (*env)->GetStringUTFChars(env, name, NULL);
}

static void name_put(JNIEnv *env, jstring name, const char *c)
{
	(*env)->ReleaseStringUTFChars(env, name, c);
}

/* A direct ByteBuffer over len bytes at p (a view of the region). */
static jobject region_view(JNIEnv *env, const void *p, size_t len)
{
	static char empty;

	if (len > INT_MAX)
		len = INT_MAX;
	return (*env)->NewDirectByteBuffer(env, p ? (void *)p : &empty, (jlong)len);
}

/* malloc, or -ENOMEM thrown as a SipcException of fn. */
static void *alloc(JNIEnv *env, size_t len, const char *fn)
{
	void *p = malloc(len ? len : 1);

	if (!p)
		check(env, -ENOMEM, fn);
	return p;
}

JNIEXPORT jstring JNICALL Java_org_sipc_Jni_strerror(JNIEnv *env, jclass cls, jint err)
{
	(void)cls;
	return (*env)->NewStringUTF(env, sipc_strerror(err));
}

JNIEXPORT jstring JNICALL Java_org_sipc_Jni_backend(JNIEnv *env, jclass cls)
{
	const char *b = sipc_backend();

	(void)cls;
	return b ? (*env)->NewStringUTF(env, b) : NULL;
}

/* The calls that take a name and two numbers, or one. */
#define NAME_CALL(call, fn)						\
	do {								\
		const char *c = name_get(env, name);			\
		if (c) {						\
			int r_ = call;					\
			name_put(env, name, c);				\
			check(env, r_, fn);				\
		}							\
	} while (0)

JNIEXPORT void JNICALL Java_org_sipc_Jni_create(JNIEnv *env, jclass cls,
		jstring name, jlong size, jint depth)
{
	(void)cls;
	NAME_CALL(sipc_create(c, (size_t)size, (unsigned int)depth), "sipc_create");
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_createSlots(JNIEnv *env, jclass cls,
		jstring name, jlong size, jint slots)
{
	(void)cls;
	NAME_CALL(sipc_create_slots(c, (size_t)size, (unsigned int)slots), "sipc_create_slots");
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_createFlags(JNIEnv *env, jclass cls,
		jstring name, jlong size, jint slots, jint flags)
{
	(void)cls;
	NAME_CALL(sipc_create_flags(c, (size_t)size, (unsigned int)slots,
				    (unsigned int)flags), "sipc_create_flags");
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_destroy(JNIEnv *env, jclass cls, jstring name)
{
	(void)cls;
	NAME_CALL(sipc_destroy(c), "sipc_destroy");
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_revoke(JNIEnv *env, jclass cls,
		jstring name, jint roles)
{
	(void)cls;
	NAME_CALL(sipc_revoke(c, (unsigned int)roles), "sipc_revoke");
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_revokeId(JNIEnv *env, jclass cls,
		jlong id, jint roles)
{
	(void)cls;
	check(env, sipc_revoke_id((uint64_t)id, (unsigned int)roles),
	      "sipc_revoke_id");
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_destroyRevoke(JNIEnv *env, jclass cls,
		jstring name)
{
	(void)cls;
	NAME_CALL(sipc_destroy_revoke(c), "sipc_destroy_revoke");
}

JNIEXPORT jobjectArray JNICALL Java_org_sipc_Jni_list(JNIEnv *env, jclass cls)
{
	char (*names)[SIPC_NAME_MAX] = NULL;
	unsigned int count = 0;
	jobjectArray a = NULL;
	jclass str;
	int total, i;

	(void)cls;
	for (;;) {
		total = sipc_list(names, count);
		if (check(env, total, "sipc_list") < 0)
			goto out;
		if ((unsigned int)total <= count)
			break;
		free(names);
		count = (unsigned int)total + 8;	/* more may appear meanwhile */
		names = alloc(env, count * sizeof(*names), "sipc_list");
		if (!names)
			return NULL;
	}
	str = (*env)->FindClass(env, "java/lang/String");
	if (str)
		a = (*env)->NewObjectArray(env, total, str, NULL);
	for (i = 0; a && i < total; i++) {
		jstring s = (*env)->NewStringUTF(env, names[i]);

		if (!s) {
			a = NULL;
			break;
		}
		(*env)->SetObjectArrayElement(env, a, i, s);
		(*env)->DeleteLocalRef(env, s);
	}
out:
	free(names);
	return a;
}

JNIEXPORT jlongArray JNICALL Java_org_sipc_Jni_stat(JNIEnv *env, jclass cls, jstring name)
{
	struct sipc_stat st;
	jlongArray a;
	int r = -1;

	(void)cls;
	NAME_CALL((r = sipc_stat(c, &st)), "sipc_stat");
	if (r < 0)
		return NULL;
	jlong f[] = {
		(jlong)st.id, (jlong)st.size, st.depth, st.queued, st.state,
		st.flags, st.creator_pid, st.creator_uid, st.attached,
		(jlong)st.msgs_sent, (jlong)st.msgs_received, (jlong)st.bytes_sent,
		st.create_flags,
	};
	a = (*env)->NewLongArray(env, sizeof(f) / sizeof(f[0]));
	if (a)
		(*env)->SetLongArrayRegion(env, a, 0, sizeof(f) / sizeof(f[0]), f);
	return a;
}

/* sipc_context() or sipc_label(): copied like snprintf(). */
static jstring text(JNIEnv *env, jstring name,
		    int (*get)(const char *, char *, size_t), const char *fn)
{
	const char *c = name_get(env, name);
	size_t size = 256;
	jstring s = NULL;
	char *buf;
	int r;

	if (!c)
		return NULL;
	for (;;) {
		buf = alloc(env, size, fn);
		if (!buf)
			break;
		r = get(c, buf, size);
		if (check(env, r, fn) < 0) {
			free(buf);
			break;
		}
		if ((size_t)r < size) {
			s = (*env)->NewStringUTF(env, buf);
			free(buf);
			break;
		}
		free(buf);
		size = (size_t)r + 1;
	}
	name_put(env, name, c);
	return s;
}

JNIEXPORT jstring JNICALL Java_org_sipc_Jni_context(JNIEnv *env, jclass cls, jstring name)
{
	(void)cls;
	return text(env, name, sipc_context, "sipc_context");
}

JNIEXPORT jstring JNICALL Java_org_sipc_Jni_label(JNIEnv *env, jclass cls, jstring name)
{
	(void)cls;
	return text(env, name, sipc_label, "sipc_label");
}

JNIEXPORT jint JNICALL Java_org_sipc_Jni_open(JNIEnv *env, jclass cls,
		jstring name, jint role)
{
	int r = -1;

	(void)cls;
	NAME_CALL((r = sipc_open(c, role)), "sipc_open");
	return r;
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_close(JNIEnv *env, jclass cls, jint h)
{
	(void)cls;
	check(env, sipc_close(h), "sipc_close");
}

JNIEXPORT jint JNICALL Java_org_sipc_Jni_fd(JNIEnv *env, jclass cls, jint h)
{
	(void)cls;
	return check(env, sipc_fd(h), "sipc_fd");
}

JNIEXPORT jlong JNICALL Java_org_sipc_Jni_capacity(JNIEnv *env, jclass cls, jint h)
{
	size_t cap = 0;

	(void)cls;
	check(env, sipc_buffer(h, NULL, &cap), "sipc_buffer");
	return (jlong)cap;
}

JNIEXPORT jint JNICALL Java_org_sipc_Jni_slots(JNIEnv *env, jclass cls, jint h)
{
	(void)cls;
	return check(env, sipc_slots(h), "sipc_slots");
}

JNIEXPORT jobject JNICALL Java_org_sipc_Jni_buffer(JNIEnv *env, jclass cls, jint h)
{
	void *buf;
	size_t cap;

	(void)cls;
	if (check(env, sipc_buffer(h, &buf, &cap), "sipc_buffer") < 0)
		return NULL;
	return region_view(env, buf, cap);
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_commit(JNIEnv *env, jclass cls,
		jint h, jlong len, jint timeout)
{
	(void)cls;
	check(env, sipc_commit(h, (size_t)len, timeout), "sipc_commit");
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_acquire(JNIEnv *env, jclass cls,
		jint h, jint timeout)
{
	(void)cls;
	check(env, sipc_acquire(h, timeout), "sipc_acquire");
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_sendEof(JNIEnv *env, jclass cls,
		jint h, jint timeout)
{
	(void)cls;
	check(env, sipc_send_eof(h, timeout), "sipc_send_eof");
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_send(JNIEnv *env, jclass cls,
		jint h, jbyteArray data, jint off, jint len)
{
	void *p = alloc(env, (size_t)len, "sipc_send");

	(void)cls;
	if (!p)
		return;
	(*env)->GetByteArrayRegion(env, data, off, len, p);
	if (!(*env)->ExceptionCheck(env))
		check(env, sipc_send(h, p, (size_t)len), "sipc_send");
	free(p);
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_sendDirect(JNIEnv *env, jclass cls,
		jint h, jobject data, jint off, jint len)
{
	char *p = (*env)->GetDirectBufferAddress(env, data);

	(void)cls;
	check(env, sipc_send(h, p ? p + off : NULL, (size_t)len), "sipc_send");
}

JNIEXPORT jobject JNICALL Java_org_sipc_Jni_next(JNIEnv *env, jclass cls,
		jint h, jint timeout)
{
	const void *data;
	size_t len;
	int r;

	(void)cls;
	r = sipc_next(h, &data, &len, timeout);
	if (check(env, r, "sipc_next") <= 0)
		return NULL;	/* error, or the end of the stream */
	if (len > INT_MAX) {	/* a ByteBuffer cannot show it: done() drops it */
		check(env, -EOVERFLOW, "sipc_next");
		return NULL;
	}
	return region_view(env, data, len);
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_done(JNIEnv *env, jclass cls,
		jint h, jint timeout)
{
	(void)cls;
	check(env, sipc_done(h, timeout), "sipc_done");
}

JNIEXPORT jint JNICALL Java_org_sipc_Jni_recv(JNIEnv *env, jclass cls,
		jint h, jbyteArray buf, jint off, jint len)
{
	void *p = alloc(env, (size_t)len, "sipc_recv");
	size_t n = 0;
	int r;

	(void)cls;
	if (!p)
		return -1;
	r = check(env, sipc_recv(h, p, (size_t)len, &n), "sipc_recv");
	if (r == 1)
		(*env)->SetByteArrayRegion(env, buf, off, (jint)n, p);
	free(p);
	return r == 1 ? (jint)n : -1;
}

JNIEXPORT jint JNICALL Java_org_sipc_Jni_recvDirect(JNIEnv *env, jclass cls,
		jint h, jobject buf, jint off, jint len)
{
	char *p = (*env)->GetDirectBufferAddress(env, buf);
	size_t n = 0;
	int r;

	(void)cls;
	r = check(env, sipc_recv(h, p ? p + off : NULL, (size_t)len, &n), "sipc_recv");
	return r == 1 ? (jint)n : -1;
}

JNIEXPORT jobject JNICALL Java_org_sipc_Jni_reserve(JNIEnv *env, jclass cls,
		jint h, jint timeout)
{
	void *buf;
	size_t cap;

	(void)cls;
	if (check(env, sipc_reserve(h, &buf, &cap, timeout), "sipc_reserve") < 0)
		return NULL;
	return region_view(env, buf, cap);
}

JNIEXPORT void JNICALL Java_org_sipc_Jni_publish(JNIEnv *env, jclass cls,
		jint h, jlong len, jint timeout)
{
	(void)cls;
	check(env, sipc_publish(h, (size_t)len, timeout), "sipc_publish");
}
