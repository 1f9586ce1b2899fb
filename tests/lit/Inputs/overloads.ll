; Three small pre-split switch-ABI coroutines for the --function and -O
; tests: two overloads of work() and ns::task().
;
; work(long): two 64-byte allocas in disjoint scopes around its two
; suspends. LLVM's split merges them only at O1 and above (reuse-storage):
; 16 + 64 + index 1 -> 88 bytes, 152 at O0.
; work(double): one double live across its only suspend.
; ns::task(): nothing live across its only suspend.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z4workl(i64 %n) presplitcoroutine {
entry:
  %a1 = alloca [64 x i8], align 8
  %a2 = alloca [64 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z4workl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  call void @llvm.lifetime.start.p0(ptr %a1)
  call void @fill(ptr %a1)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %d0]
d0:
  call void @llvm.lifetime.end.p0(ptr %a1)
  br label %cleanup
r0:
  call void @use(ptr %a1)
  call void @llvm.lifetime.end.p0(ptr %a1)
  call void @llvm.lifetime.start.p0(ptr %a2)
  call void @fill(ptr %a2)
  %save1 = call token @llvm.coro.save(ptr null)
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %ret [i8 0, label %r1
                             i8 1, label %d1]
d1:
  call void @llvm.lifetime.end.p0(ptr %a2)
  br label %cleanup
r1:
  call void @use(ptr %a2)
  call void @llvm.lifetime.end.p0(ptr %a2)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

define ptr @_Z4workd(double %d) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z4workd, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  call void @consumed(double %d)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

define ptr @_ZN2ns4taskEv() presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_ZN2ns4taskEv, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %cleanup
                             i8 1, label %cleanup]
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

declare void @fill(ptr captures(none))
declare void @use(ptr captures(none))
declare void @consumed(double)
declare ptr @malloc(i64)
declare void @free(ptr)
