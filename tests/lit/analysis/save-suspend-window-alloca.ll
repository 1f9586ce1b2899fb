; Regression (was a miscompile): frame storage used between a suspend
; point's coro.save and its coro.suspend is live at that suspend point, so it
; never shares bytes with values that must survive the suspend.
;
; After coro.save the coroutine counts as suspended: code between the save
; and the suspend (here @publish, standing for an inlined await_suspend)
; may resume the coroutine, on another thread or, as here, at once. Stock
; LLVM treats the save as a suspension point for this reason
; (SuspendCrossingInfo: "any code between coro.save and coro.suspend may
; resume the coroutine and all of the state needs to be saved by that
; time"). So %v must be in the frame before @publish runs (pack mode does
; store it before the save), and %t, a frame alloca (it is live across
; Suspend1) that @publish writes in Suspend0's window, must not overlap it.
; The liveness contract once looked only at the save and at the suspend
; instruction, where %t is dead, so %t and %v got the same bytes and the
; packed program printed "v = 99" where the stock one prints "v = 101".
; The same program also caught the SSA update turning a use of an argument
; in the entry block into poison ("v = 100").
;
; Not reachable from clang 22's own output, which calls await_suspend
; through llvm.coro.await.suspend.* (the awaiter is live at the save), but
; valid pre-split IR, and the shape of older clang output with await_suspend
; inlined.
;
; Expected (correct) results below: %t live at Suspend0, no sharing (40
; bytes, as stock), and the same output with the plugin as without.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness | FileCheck %s
; RUN: %clangxx -O1 %s -o %t.stock.exe
; RUN: %t.stock.exe | FileCheck %s --check-prefix=EXEC
; RUN: env COROPACK_MODE=pack %clangxx -O1 -fpass-plugin=%plugin %s -o %t.packed.exe
; RUN: %t.packed.exe | FileCheck %s --check-prefix=EXEC
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z6windowl
; CHECK-NEXT:  {{^}}  suspend 0: %v [%t]{{$}}
; CHECK-NEXT:  {{^}}  suspend 1: [%t]{{$}}
; CHECK-LABEL: coroutine window(long) {
; CHECK:       size: 40 (stock: 40,

; EXEC:      v = 101
; EXEC-NEXT: v = -1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private constant [9 x i8] c"v = %ld\0A\00"
@once = internal global i1 false

define ptr @_Z6windowl(i64 %n) presplitcoroutine {
entry:
  %t = alloca i64, align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z6windowl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %v = call i64 @produce(i64 %n)
  %save0 = call token @llvm.coro.save(ptr null)
  ; Suspend0's window: %t lives only here, between save and suspend.
  call void @llvm.lifetime.start.p0(ptr %t)
  call void @publish(ptr %hdl, ptr %t)
  call void @llvm.lifetime.end.p0(ptr %t)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  call void @consume(i64 %v)
  ; Here %t lives across Suspend1: that makes it a frame alloca.
  call void @llvm.lifetime.start.p0(ptr %t)
  call void @publish(ptr %hdl, ptr %t)
  %save1 = call token @llvm.coro.save(ptr null)
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %ret [i8 0, label %r1
                             i8 1, label %d1]
d1:
  call void @llvm.lifetime.end.p0(ptr %t)
  br label %cleanup
r1:
  %x = load i64, ptr %t, align 8
  call void @consume(i64 %x)
  call void @llvm.lifetime.end.p0(ptr %t)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

; Stands for an await_suspend: writes its own state, then (the first time)
; resumes the coroutine at once, as another thread could.
define void @publish(ptr %h, ptr %t) noinline {
  store i64 -1, ptr %t, align 8
  %done = load i1, ptr @once
  br i1 %done, label %out, label %go
go:
  store i1 true, ptr @once
  call void @llvm.coro.resume(ptr %h)
  br label %out
out:
  ret void
}

define i64 @produce(i64 %n) noinline {
  %r = add i64 %n, 100
  ret i64 %r
}

define void @consume(i64 %v) noinline {
  call i32 (ptr, ...) @printf(ptr @fmt, i64 %v)
  ret void
}

define i32 @main() {
  %h = call ptr @_Z6windowl(i64 1)
  call void @llvm.coro.resume(ptr %h)
  ret i32 0
}

declare i32 @printf(ptr, ...)
declare ptr @malloc(i64)
declare void @free(ptr)
