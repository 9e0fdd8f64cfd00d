// The CLOVA Studio emulator, standalone:
//   dotnet run --project src/Clova.Emulator.Tool -- --urls http://127.0.0.1:5080
// or, installed as a tool: clova-emulator --urls http://127.0.0.1:5080
await Clova.Emulator.ClovaEmulator.RunAsync(args);
