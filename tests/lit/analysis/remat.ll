; Rematerialization as LLVM 22 does it (MaterializationUtils.cpp): a GEP, a
; cast or a binary op live across a suspend is recomputed after it, and its
; operands cross instead, transitively (%scaled = mul of %sum = add of %a and
; %b stores %a and %b). Arguments and calls are never recomputed. Under
; optnone nothing is: the same body stores the three values themselves. The
; stock frames agree: five stored operands (64 bytes) with remat, three
; values (40 bytes) without.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness | FileCheck %s
; RUN: %coropack report --mode pack %s --input presplit --format json --function _Z5rematl | FileCheck %s --check-prefix=JSON
; RUN: %coropack report --mode pack %s --input presplit --format json --function _Z13remat_optnonel \
; RUN:   | FileCheck %s --check-prefix=OPTNONE --implicit-check-not=rematerialized
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z5rematl
; CHECK-NEXT:  {{^}}  suspend 0: %gep(remat) %scaled(remat) %narrow(remat) %n(operand) %base(operand) %a(operand) %b(operand) %w(operand){{$}}
; CHECK-LABEL: liveness _Z13remat_optnonel
; CHECK-NEXT:  {{^}}  suspend 0: %gep %scaled %narrow{{$}}

; CHECK-LABEL: coroutine remat(long) {
; CHECK-DAG:   */ %n i64 value live: S0{{$}}
; CHECK-DAG:   */ %base ptr value live: S0{{$}}
; CHECK-DAG:   */ %a i64 value live: S0{{$}}
; CHECK-DAG:   */ %b i64 value live: S0{{$}}
; CHECK-DAG:   */ %w i64 value live: S0{{$}}
; CHECK-DAG:   /* rematerialized %gep: ptr, 8@8, value, live: S0 */
; CHECK-DAG:   /* rematerialized %scaled: i64, 8@8, value, live: S0 */
; CHECK-DAG:   /* rematerialized %narrow: i32, 4@4, value, live: S0 */
; CHECK:       size: 64 (stock: 64, lower bound: 64, optimal)

; CHECK-LABEL: coroutine remat_optnone(long) {
; CHECK-DAG:   */ %gep ptr value live: S0{{$}}
; CHECK-DAG:   */ %scaled i64 value live: S0{{$}}
; CHECK-DAG:   */ %narrow i32 value live: S0{{$}}
; CHECK:       size: 40 (stock: 40, lower bound: 40, optimal)

; Rematerialized items come after the stored ones, without an offset.
; JSON-LABEL: "demangled": "remat(long)",
; JSON:       "name": "%gep",
; JSON-NEXT:  "offset": null,
; JSON-NEXT:  "size": 8,
; JSON-NEXT:  "storage": "rematerialized",
; JSON:       "name": "%scaled",
; JSON-NEXT:  "offset": null,
; JSON-NEXT:  "size": 8,
; JSON-NEXT:  "storage": "rematerialized",
; JSON:       "name": "%narrow",
; JSON-NEXT:  "offset": null,
; JSON-NEXT:  "size": 4,
; JSON-NEXT:  "storage": "rematerialized",
; JSON:       "stock_size": 64,

; OPTNONE-LABEL: "demangled": "remat_optnone(long)",
; OPTNONE:       "name": "%gep",
; OPTNONE-NEXT:  "offset": {{[0-9]+}},
; OPTNONE-NEXT:  "size": 8,
; OPTNONE-NEXT:  "storage": "stored",
; OPTNONE:       "stock_size": 40,

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z5rematl(i64 %n) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z5rematl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %base = call ptr @make()
  %a = call i64 @produce(i64 1)
  %b = call i64 @produce(i64 2)
  %w = call i64 @produce(i64 3)
  %gep = getelementptr inbounds i8, ptr %base, i64 %n
  %sum = add i64 %a, %b
  %scaled = mul i64 %sum, 3
  %narrow = trunc i64 %w to i32
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  call void @use(ptr %gep)
  call void @consume(i64 %scaled)
  call void @consume32(i32 %narrow)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

define ptr @_Z13remat_optnonel(i64 %n) presplitcoroutine noinline optnone {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z13remat_optnonel, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %base = call ptr @make()
  %a = call i64 @produce(i64 1)
  %b = call i64 @produce(i64 2)
  %w = call i64 @produce(i64 3)
  %gep = getelementptr inbounds i8, ptr %base, i64 %n
  %sum = add i64 %a, %b
  %scaled = mul i64 %sum, 3
  %narrow = trunc i64 %w to i32
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  call void @use(ptr %gep)
  call void @consume(i64 %scaled)
  call void @consume32(i32 %narrow)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

declare ptr @make()
declare void @use(ptr)
declare i64 @produce(i64)
declare void @consume(i64)
declare void @consume32(i32)
declare ptr @malloc(i64)
declare void @free(ptr)
