; The 1024-byte array aligned to 16 and the 1000-byte array aligned to 64,
; in disjoint scopes (as in `{ alignas(16) char a[1024]; co_yield 1; }
; { alignas(64) char b[1000]; co_yield 2; }`). Stock LLVM refuses to merge
; them (a slot's alignment must be a multiple of the newcomer's: 16 is not a
; multiple of 64), so its frame is 16 + 1024 + index 1 + 47 padding + 1000 =
; 2088 bytes: coro.size, what the allocation receives, is 2088; the resume
; function's frame is dereferenceable(2112), rounded up to the frame's
; alignment of 64, as the coro-split remark and DWARF show it. coropack's
; sizes are what the allocation receives. Their lifetimes are disjoint, so coropack lets them overlap:
; both start at 64, the first 64-aligned offset after the header and the
; index, and the frame ends with the longer one: 64 + 1024 = 1088.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness | FileCheck %s
; RUN: %coropack report --mode pack %s --input presplit --format json | FileCheck %s --check-prefix=JSON
; RUN: %opt -passes='cgscc(coro-split<reuse-storage>)' %s -S -o - | FileCheck %s --check-prefix=STOCK
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z6arraysv
; CHECK-NEXT:  {{^}}  suspend 0: [%a]{{$}}
; CHECK-NEXT:  {{^}}  suspend 1: [%b]{{$}}
; CHECK-LABEL: coroutine arrays() {
; CHECK-DAG:   */ %a [1024 x i8] alloca live: U S0{{$}}
; CHECK-DAG:   /* 64 1000@64 */ %b [1000 x i8] alloca live: S1{{$}}
; CHECK:       size: 1088 (stock: 2088,

; JSON-LABEL: "demangled": "arrays()",
; JSON:       "packed_size": 1088,
; JSON:       "stock_size": 2088,

; STOCK: %_Z6arraysv.Frame = type { ptr, ptr, [1024 x i8], i1, [47 x i8], [1000 x i8] }
; STOCK: call ptr @malloc(i64 2088)
; STOCK: define internal fastcc void @_Z6arraysv.resume(ptr noundef nonnull align 64 dereferenceable(2112)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; { char a[1024] alignas(16); co_yield; } { char b[1000] alignas(64); co_yield; }
define ptr @_Z6arraysv() presplitcoroutine {
entry:
  %a = alloca [1024 x i8], align 16
  %b = alloca [1000 x i8], align 64
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z6arraysv, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  call void @llvm.lifetime.start.p0(ptr %a)
  call void @fill(ptr %a)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %d0]
d0:
  call void @llvm.lifetime.end.p0(ptr %a)
  br label %cleanup
r0:
  call void @use(ptr %a)
  call void @llvm.lifetime.end.p0(ptr %a)
  call void @llvm.lifetime.start.p0(ptr %b)
  call void @fill(ptr %b)
  %save1 = call token @llvm.coro.save(ptr null)
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %ret [i8 0, label %r1
                             i8 1, label %d1]
d1:
  call void @llvm.lifetime.end.p0(ptr %b)
  br label %cleanup
r1:
  call void @use(ptr %b)
  call void @llvm.lifetime.end.p0(ptr %b)
  br label %cleanup
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
declare ptr @malloc(i64)
declare void @free(ptr)
