; Allocas with lifetime markers: their storage is live from lifetime.start
; to lifetime.end, and two of them may share frame bytes only when their
; storage is never live at one program point.
;
; _Z8disjointv: { a1 ... Suspend0 ... } { a2 ... Suspend1 ... }: disjoint
;   scopes, a1 and a2 share bytes (stock LLVM merges them too).
; _Z6nestedv:   { a1 ... Suspend0 ... { a2 ... Suspend1 ... } }: both live at
;   Suspend1, no sharing.
; _Z8handoverv: a1 lives across Suspend0; a2 starts and is filled from a1
;   before a1 ends, and lives on across Suspend1. a1 is live only at Suspend0
;   and a2 only at Suspend1, but their lifetimes overlap between the two
;   suspends: their live_at sets are disjoint and they still must not share.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness | FileCheck %s
; RUN: %coropack report --mode pack %s --input presplit --format json | FileCheck %s --check-prefix=JSON
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z8disjointv
; CHECK-NEXT:  {{^}}  suspend 0: [%a1]{{$}}
; CHECK-NEXT:  {{^}}  suspend 1: [%a2]{{$}}
; CHECK-LABEL: liveness _Z6nestedv
; CHECK-NEXT:  {{^}}  suspend 0: [%a1]{{$}}
; CHECK-NEXT:  {{^}}  suspend 1: [%a1] [%a2]{{$}}
; CHECK-LABEL: liveness _Z8handoverv
; CHECK-NEXT:  {{^}}  suspend 0: [%a1]{{$}}
; CHECK-NEXT:  {{^}}  suspend 1: [%a2]{{$}}

; a1 starts in the ramp, before the first suspend: live in Unresumed too.
; CHECK-LABEL: coroutine disjoint() {
; CHECK-DAG:   /* [[OFF:[0-9]+]] 64@8 */ %a1 [64 x i8] alloca live: U S0{{$}}
; CHECK-DAG:   /* [[OFF]] 64@8 */ %a2 [64 x i8] alloca live: S1{{$}}
; CHECK:       size: 88 (stock: 88, lower bound: 88, optimal)

; CHECK-LABEL: coroutine nested() {
; CHECK-DAG:   */ %a1 [64 x i8] alloca live: all{{$}}
; CHECK-DAG:   */ %a2 [64 x i8] alloca live: S1{{$}}
; CHECK:       size: 152 (stock: 152, lower bound: 152, optimal)

; 16 + 64 + 64 + 1 = 145, to 152: the two arrays take separate bytes.
; CHECK-LABEL: coroutine handover() {
; CHECK-DAG:   */ %a1 [64 x i8] alloca live: U S0{{$}}
; CHECK-DAG:   */ %a2 [64 x i8] alloca live: S1{{$}}
; CHECK:       size: 152 (stock: 152, lower bound: 152, optimal)

; JSON-LABEL: "demangled": "disjoint()",
; JSON:       "packed_size": 88,
; JSON-LABEL: "demangled": "nested()",
; JSON:       "live_bytes": 145,
; JSON-NEXT:  "loc": null,
; JSON-NEXT:  "name": "Suspend1"
; JSON-LABEL: "demangled": "handover()",
; JSON:       "lower_bound": 152,
; JSON:       "packed_size": 152,

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; { a1 ... S0 ... } { a2 ... S1 ... }
define ptr @_Z8disjointv() presplitcoroutine {
entry:
  %a1 = alloca [64 x i8], align 8
  %a2 = alloca [64 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z8disjointv, ptr null)
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

; { a1 ... S0 ... { a2 ... S1 ... } }: both live at S1
define ptr @_Z6nestedv() presplitcoroutine {
entry:
  %a1 = alloca [64 x i8], align 8
  %a2 = alloca [64 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z6nestedv, ptr null)
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
  call void @llvm.lifetime.start.p0(ptr %a2)
  call void @fill(ptr %a2)
  %save1 = call token @llvm.coro.save(ptr null)
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %ret [i8 0, label %r1
                             i8 1, label %d1]
d1:
  call void @llvm.lifetime.end.p0(ptr %a2)
  call void @llvm.lifetime.end.p0(ptr %a1)
  br label %cleanup
r1:
  call void @use(ptr %a2)
  call void @use(ptr %a1)
  call void @llvm.lifetime.end.p0(ptr %a2)
  call void @llvm.lifetime.end.p0(ptr %a1)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

; a1: start ... S0 ... a2 start, copy a1 to a2, a1 end ... S1 ... a2 end.
define ptr @_Z8handoverv() presplitcoroutine {
entry:
  %a1 = alloca [64 x i8], align 8
  %a2 = alloca [64 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z8handoverv, ptr null)
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
  call void @llvm.lifetime.start.p0(ptr %a2)
  call void @copy(ptr %a2, ptr %a1)
  call void @llvm.lifetime.end.p0(ptr %a1)
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

declare void @fill(ptr captures(none))
declare void @use(ptr captures(none))
declare void @copy(ptr captures(none), ptr captures(none))
declare ptr @malloc(i64)
declare void @free(ptr)
