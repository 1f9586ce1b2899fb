; Coroutines coropack leaves to stock LLVM: the report says why in a status
; starting with "stock:", and the packed frame is the stock frame.
;
; _Z7dynamicl: a switch-ABI coroutine with a dynamic alloca (a VLA after the
;   suspend; LLVM keeps it on the stack of the resume function). Stock frame:
;   header 16 + %x + %n (the VLA's size, read after the suspend) + index = 40.
; _Z6retconPvi: a returned-continuation coroutine (llvm.coro.id.retcon): not
;   the switch ABI. Stock frame { i64, i32 } = 16 bytes, allocated because it
;   does not fit the 8-byte inline buffer.
;
; RUN: %coropack report --mode pack %s --input presplit --format json | FileCheck %s
; RUN: %coropack report --mode pack %s --input presplit --format text | FileCheck %s --check-prefix=TEXT
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: "demangled": "dynamic(long)",
; CHECK:       "packed_size": 40,
; CHECK:       "status": "stock: dynamic alloca",
; CHECK-NEXT:  "stock_size": 40,
; CHECK-LABEL: "demangled": "retcon(void*, int)",
; CHECK:       "packed_size": 16,
; CHECK:       "status": "stock: not a switch-ABI coroutine (llvm.coro.id.retcon)",
; CHECK-NEXT:  "stock_size": 16,

; TEXT-LABEL: coroutine dynamic(long) {
; TEXT-NEXT:  /* stock: dynamic alloca */
; TEXT:       size: 40 (stock: 40,
; TEXT-LABEL: coroutine retcon(void*, int) {
; TEXT-NEXT:  /* stock: not a switch-ABI coroutine (llvm.coro.id.retcon) */
; TEXT:       size: 16 (stock: 16,

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; A switch-ABI coroutine with a VLA.
define ptr @_Z7dynamicl(i64 %n) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z7dynamicl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %x = call i64 @produce(i64 0)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  %vla = alloca i8, i64 %n, align 16
  call void @fill(ptr %vla)
  call void @consume(i64 %x)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

; The retcon ABI: the frame lives in %buffer when it fits, else in @allocate.
define ptr @_Z6retconPvi(ptr %buffer, i32 %n) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id.retcon(i32 8, i32 4, ptr %buffer, ptr @prototype, ptr @allocate, ptr @deallocate)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr null)
  br label %loop
loop:
  %n.val = phi i32 [ %n, %entry ], [ %inc, %resume ]
  %big = call i64 @produce(i64 0)
  call void @print(i32 %n.val)
  %unwind = call i1 (...) @llvm.coro.suspend.retcon.i1()
  br i1 %unwind, label %cleanup, label %resume
resume:
  call void @consume(i64 %big)
  %inc = add i32 %n.val, 1
  br label %loop
cleanup:
  call void @llvm.coro.end(ptr %hdl, i1 false, token none)
  unreachable
}

declare ptr @prototype(ptr, i1 zeroext)
declare noalias ptr @allocate(i32 %size)
declare void @deallocate(ptr %ptr)
declare void @print(i32)
declare i64 @produce(i64)
declare void @consume(i64)
declare void @fill(ptr captures(none))
declare ptr @malloc(i64)
declare void @free(ptr)
