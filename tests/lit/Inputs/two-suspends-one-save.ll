; Malformed: two llvm.coro.suspend on one llvm.coro.save (found by tests/fuzz): the
; verifier accepts it and LLVM's CoroSplit crashes on it (opt-22 too; bad-input.test).
; Every suspend form LLVM 22 emits, in one switch-ABI coroutine, with a value
; chain whose liveness is known at each: the initial suspend through
; llvm.coro.await.suspend.void, one through .bool (its false edge skips the
; suspend), one through .handle (symmetric transfer), a plain
; coro.save + coro.suspend, and the final suspend (state Returned). Each value
; is live exactly where the comments say.
;
; The rewrite leaves IR the verifier accepts.

; Suspend ids in LLVM's suspend-index order, the final one last.
; TEXT-LABEL: liveness _Z5formsl
; TEXT-NEXT:  {{^}}  suspend 0: %n{{$}}
; TEXT-NEXT:  {{^}}  suspend 1: %a{{$}}
; TEXT-NEXT:  {{^}}  suspend 2: %a %b{{$}}
; TEXT-NEXT:  {{^}}  suspend 3: %b %c{{$}}
; TEXT-NEXT:  {{^}}  suspend 4 final: %d{{$}}

; %a and %c are never live together, and both meet %b: in the smallest frame
; (two 8-byte slots and the index after the header) %a and %c share bytes.
; TEXT-LABEL: coroutine forms(long) {
; TEXT-DAG:   /* [[AC:[0-9]+]] 8@8 */ %a i64 value live: S1 S2{{$}}
; TEXT-DAG:   /* [[AC]] 8@8 */ %c i64 value live: S3{{$}}
; TEXT-DAG:   */ %n i64 value live: S0{{$}}
; TEXT-DAG:   */ %b i64 value live: S2 S3{{$}}
; TEXT-DAG:   */ %d i64 value live: R{{$}}
; TEXT-DAG:   */ __suspend_index i3 index live: S0-R{{$}}
; TEXT:       size: 40 (stock: 64, lower bound: 40, optimal)

; Stock: 16 (resume, destroy) + 5 spills of 8 + index = 57, rounded to 64.
; Packed: 16 + 2 * 8 + 1 = 33, rounded to 40.
; JSON-LABEL: "demangled": "forms(long)",
; JSON:       "lower_bound": 40,
; JSON:       "packed_size": 40,
; JSON:       "states": [
; JSON-NEXT:    {
; JSON-NEXT:      "kind": "unresumed",
; JSON-NEXT:      "loc": null,
; JSON-NEXT:      "name": "Unresumed"
; JSON-NEXT:    },
; JSON-NEXT:    {
; JSON-NEXT:      "kind": "initial",
; JSON-NEXT:      "loc": null,
; JSON-NEXT:      "name": "Suspend0"
; JSON-NEXT:    },
; JSON-NEXT:    {
; JSON-NEXT:      "kind": "await",
; JSON-NEXT:      "loc": null,
; JSON-NEXT:      "name": "Suspend1"
; JSON-NEXT:    },
; JSON-NEXT:    {
; JSON-NEXT:      "kind": "await",
; JSON-NEXT:      "loc": null,
; JSON-NEXT:      "name": "Suspend2"
; JSON-NEXT:    },
; JSON-NEXT:    {
; JSON-NEXT:      "kind": "await",
; JSON-NEXT:      "loc": null,
; JSON-NEXT:      "name": "Suspend3"
; JSON-NEXT:    },
; JSON-NEXT:    {
; JSON-NEXT:      "kind": "final",
; JSON-NEXT:      "loc": null,
; JSON-NEXT:      "name": "Returned"
; JSON-NEXT:    }
; JSON-NEXT:  ],
; JSON-NEXT:  "status": "packed",
; JSON-NEXT:  "stock_size": 64,
; The variants: what is live in each state (header 16 + values + index 1).
; JSON:       "live_bytes": 16,
; JSON-NEXT:  "loc": null,
; JSON-NEXT:  "name": "Unresumed"
; JSON:       "live_bytes": 25,
; JSON-NEXT:  "loc": null,
; JSON-NEXT:  "name": "Suspend0"
; JSON:       "live_bytes": 25,
; JSON-NEXT:  "loc": null,
; JSON-NEXT:  "name": "Suspend1"
; JSON:       "live_bytes": 33,
; JSON-NEXT:  "loc": null,
; JSON-NEXT:  "name": "Suspend2"
; JSON:       "live_bytes": 33,
; JSON-NEXT:  "loc": null,
; JSON-NEXT:  "name": "Suspend3"
; JSON:       "live_bytes": 25,
; JSON-NEXT:  "loc": null,
; JSON-NEXT:  "name": "Returned"

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@awaiter = global i8 0

define ptr @_Z5formsl(i64 %n) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z5formsl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  ; Suspend0 (initial): await.suspend.void. %n is live across it.
  %save0 = call token @llvm.coro.save(ptr null)
  call void @llvm.coro.await.suspend.void(ptr @awaiter, ptr %hdl, ptr @wrap.void)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  %a = call i64 @produce(i64 %n)
  ; Suspend1: await.suspend.bool; false resumes at once. %a is live across.
  %save1 = call token @llvm.coro.save(ptr null)
  %ok = call i1 @llvm.coro.await.suspend.bool(ptr @awaiter, ptr %hdl, ptr @wrap.bool)
  br i1 %ok, label %susp1, label %r1
susp1:
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %ret [i8 0, label %r1
                             i8 1, label %cleanup]
r1:
  %b = call i64 @produce(i64 %a)
  ; Suspend2: await.suspend.handle (symmetric transfer). %a and %b.
  %save2 = call token @llvm.coro.save(ptr null)
  call void @llvm.coro.await.suspend.handle(ptr @awaiter, ptr %hdl, ptr @wrap.handle)
  %s2 = call i8 @llvm.coro.suspend(token %save2, i1 false)
  switch i8 %s2, label %ret [i8 0, label %r2
                             i8 1, label %cleanup]
r2:
  call void @consume(i64 %a)
  %c = call i64 @produce(i64 %b)
  ; Suspend3: plain coro.save + coro.suspend. %b and %c.
  %save3 = call token @llvm.coro.save(ptr null)
  %s3 = call i8 @llvm.coro.suspend(token %save3, i1 false)
  %s3.fz541 = call i8 @llvm.coro.suspend(token %save3, i1 false)
  switch i8 %s3, label %ret [i8 0, label %r3
                             i8 1, label %cleanup]
r3:
  call void @consume(i64 %b)
  %d = call i64 @produce(i64 %c)
  ; Final suspend (Returned): only destroy follows; %d is used there.
  %savef = call token @llvm.coro.save(ptr null)
  call void @llvm.coro.await.suspend.void(ptr @awaiter, ptr %hdl, ptr @wrap.void)
  %sf = call i8 @llvm.coro.suspend(token %savef, i1 true)
  switch i8 %sf, label %ret [i8 0, label %unreach
                             i8 1, label %final.cleanup]
final.cleanup:
  call void @consume(i64 %d)
  br label %cleanup
unreach:
  unreachable
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr %hdl, i1 false, token none)
  ret ptr %hdl
}

declare void @wrap.void(ptr, ptr)
declare i1 @wrap.bool(ptr, ptr)
declare ptr @wrap.handle(ptr, ptr)
declare i64 @produce(i64)
declare void @consume(i64)
declare ptr @malloc(i64)
declare void @free(ptr)
