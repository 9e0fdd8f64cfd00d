// Standalone: dotnet run --project src/Clova.Emulator -- --urls http://127.0.0.1:5080
await Clova.Emulator.ClovaEmulator.RunAsync(args);
